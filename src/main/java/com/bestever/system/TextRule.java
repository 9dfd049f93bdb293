package com.bestever.system;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

/**
 * The one rule for text that comes from outside (every request parameter, path variable and form
 * field, public and admin): no NUL or other C0 control character except tab, line feed and carriage
 * return, no lone surrogate, no U+FFFE or U+FFFF, and, in a URL, no percent-escape that is not
 * UTF-8. Accepted text is kept in Unicode normalisation form NFC, so that "é" typed as one code point
 * or as "e" and a combining accent is the same title, slug or user name. Applied where text is
 * bound ({@code InputBinding}) and, for what is never bound, at the edge ({@code InputEdge}).
 */
public final class TextRule {

    /** What a person is told when a field breaks the rule. */
    public static final String MESSAGE =
            "This contains a character we can't store (a control character such as NUL, or a broken one);"
                    + " remove it and try again.";

    /** The character shown in place of a refused one, so the person sees where it was (U+FFFD). */
    public static final char SHOWN_INSTEAD = '\uFFFD';

    private TextRule() {}

    /** The first refused character's index in {@code text}, or -1 when the text is acceptable. */
    public static int firstRefused(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (refusedChar(c)) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean acceptable(CharSequence text) {
        return text == null || firstRefused(text) < 0;
    }

    private static boolean refusedChar(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF';
    }

    /** Accepted text in NFC (null stays null). */
    public static String normalised(String text) {
        return text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The text as it can be shown back: each refused character replaced by U+FFFD. */
    public static String shown(String text) {
        if (text == null || acceptable(text)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                shown.append(c).append(text.charAt(++i));
            } else if (refusedChar(c) || Character.isSurrogate(c)) {
                shown.append(SHOWN_INSTEAD);
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    /**
     * A URL part percent-decoded as strict UTF-8 ({@code +} as a space when {@code form}), or empty
     * when an escape is malformed or its bytes are not UTF-8 (overlong forms included).
     */
    public static Optional<String> urlDecoded(String raw, boolean form) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(form ? raw.replace('+', ' ') : raw);
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (c == '+' && form) {
                bytes.put((byte) ' ');
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                // Not from a browser (it escapes these), but said as UTF-8 all the same; a lone
                // surrogate becomes bytes no decoder accepts.
                int end = Character.isHighSurrogate(c)
                                && i + 1 < raw.length()
                                && Character.isLowSurrogate(raw.charAt(i + 1))
                        ? i + 2
                        : i + 1;
                if (Character.isSurrogate(c) && end == i + 1) {
                    return Optional.empty();
                }
                bytes.put(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        bytes.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return Optional.of(chars.toString());
        } catch (CharacterCodingException ex) {
            return Optional.empty();
        }
    }
}
