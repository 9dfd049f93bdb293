package com.bestever.surface;

import com.bestever.system.TextRule;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** How the test reads back what it sent: escapes decoded leniently, as a container would. */
final class TextRuleDecoding {

    private TextRuleDecoding() {}

    static String lenient(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    static boolean acceptable(String text) {
        return TextRule.acceptable(text);
    }
}
