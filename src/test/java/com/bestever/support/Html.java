package com.bestever.support;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Pages as tests read them: the HTML a MockMvc request answered, parsed with jsoup, whatever
 * its status. {@code Document form = page(mvc.perform(get("/admin/films/new").with(editor)));}
 */
public final class Html {

    private Html() {}

    /** The page this request answered. */
    public static Document page(ResultActions result) throws UnsupportedEncodingException {
        return page(result.andReturn().getResponse());
    }

    /** The page in this response. */
    public static Document page(MockHttpServletResponse response) throws UnsupportedEncodingException {
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
