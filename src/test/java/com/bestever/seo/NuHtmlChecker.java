package com.bestever.seo;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import nu.validator.validation.SimpleDocumentValidator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The Nu Html Checker (the engine behind validator.w3.org/nu), run in-process on rendered
 * HTML, as its command-line client does: the HTML5 schema, the assertion checkers, no network.
 */
public final class NuHtmlChecker {

    /** HTML5 with RDFa (Open Graph's property attributes), as validator.w3.org/nu checks text/html. */
    private static final String HTML5_SCHEMA = "http://s.validator.nu/html5-all.rnc";

    private static SimpleDocumentValidator validator;
    private static final Collector collector = new Collector();

    private NuHtmlChecker() {}

    /** The errors the checker finds in the document (warnings and info are left out). */
    public static synchronized List<String> errorsIn(String html) throws Exception {
        if (validator == null) {
            validator = new SimpleDocumentValidator(false, false, false);
            validator.setUpMainSchema(HTML5_SCHEMA, collector);
            validator.setUpValidatorAndParsers(collector, true, false);
        }
        collector.errors.clear();
        InputSource source = new InputSource(new StringReader(html));
        source.setSystemId("page.html");
        validator.checkHtmlInputSource(source);
        return List.copyOf(collector.errors);
    }

    private static final class Collector implements ErrorHandler {

        final List<String> errors = new ArrayList<>();

        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) {
            errors.add(describe(e));
        }

        @Override
        public void fatalError(SAXParseException e) {
            errors.add("fatal: " + describe(e));
        }

        private static String describe(SAXParseException e) {
            return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
        }
    }
}
