package com.bestever.seo;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JDK's own namespace-aware XML parser, for the sitemap and the feed. */
final class Xml {

    private Xml() {}

    static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    /** The child elements of {@code parent} with the given namespace and name, in document order. */
    static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element
                    && namespace.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The text of the only such child, or null when there is none. */
    static String text(Element parent, String namespace, String name) {
        List<Element> found = children(parent, namespace, name);
        if (found.size() > 1) {
            throw new AssertionError("more than one " + name + " in " + parent.getLocalName());
        }
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }
}
