package com.bestever.system;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes schema.org structured data as JSON-LD with Jackson, made safe to sit inside an HTML
 * {@code <script>} element: {@code <}, {@code >} and {@code &} become JSON unicode escapes, so a
 * title such as {@code </script>} can never end the script early. (In JSON those characters only
 * ever occur inside strings, so escaping them keeps the data the same.)
 */
@Component
public class JsonLd {

    private final ObjectMapper json;

    JsonLd(ObjectMapper json) {
        this.json = json;
    }

    /** One {@code @context} for the page, with the given items in its {@code @graph}. */
    public String graph(List<Map<String, Object>> items) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@context", "https://schema.org");
        document.put("@graph", items);
        return scriptSafe(json.writeValueAsString(document));
    }

    public static String scriptSafe(String json) {
        StringBuilder safe = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> safe.append("\\u003c");
                case '>' -> safe.append("\\u003e");
                case '&' -> safe.append("\\u0026");
                case '\u2028' -> safe.append("\\u2028");
                case '\u2029' -> safe.append("\\u2029");
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }

    /** A schema.org object of the given type; null values are left out. */
    public static Map<String, Object> thing(String type, Object... keysAndValues) {
        Map<String, Object> thing = new LinkedHashMap<>();
        thing.put("@type", type);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                thing.put((String) keysAndValues[i], value);
            }
        }
        return thing;
    }

    /** An RFC 3339 / ISO 8601 timestamp in UTC, to the second. */
    public static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
