package com.bestever.search;

import org.springframework.web.util.HtmlUtils;

/**
 * A headline from {@code ts_headline}, made safe for the page: the review text is
 * HTML-escaped first, and only then do the marker characters PostgreSQL put around the
 * matched words become {@code <mark>} elements. No markup from the database reaches the reader.
 */
record Highlight(String html) {

    static Highlight of(String headline) {
        if (headline == null) {
            return new Highlight("");
        }
        String escaped = HtmlUtils.htmlEscape(headline.strip(), "UTF-8");
        StringBuilder html = new StringBuilder(escaped.length() + 32);
        boolean open = false;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == SearchRepository.START && !open) {
                html.append("<mark>");
                open = true;
            } else if (c == SearchRepository.STOP && open) {
                html.append("</mark>");
                open = false;
            } else if (c != SearchRepository.START && c != SearchRepository.STOP) {
                html.append(c);
            }
        }
        if (open) {
            html.append("</mark>");
        }
        return new Highlight(html.toString());
    }

    @Override
    public String toString() {
        return html;
    }
}
