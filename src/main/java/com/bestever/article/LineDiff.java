package com.bestever.article;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable line diff (longest common subsequence): which lines of the old text were
 * removed, which of the new text were added, and which both share.
 */
final class LineDiff {

    /** Past this many line pairs the texts are simply shown as all removed, then all added. */
    private static final long MAX_CELLS = 4_000_000;

    public enum Kind {
        SAME,
        REMOVED,
        ADDED
    }

    /** One line of the diff; public for the template. */
    public record Line(Kind kind, String text) {
        public String marker() {
            return switch (kind) {
                case SAME -> " ";
                case REMOVED -> "−";
                case ADDED -> "+";
            };
        }

        public String cssClass() {
            return "diff-" + kind.name().toLowerCase();
        }
    }

    private LineDiff() {}

    static List<Line> between(String oldText, String newText) {
        String[] a = lines(oldText);
        String[] b = lines(newText);
        List<Line> diff = new ArrayList<>();
        if ((long) a.length * b.length > MAX_CELLS) {
            for (String line : a) diff.add(new Line(Kind.REMOVED, line));
            for (String line : b) diff.add(new Line(Kind.ADDED, line));
            return diff;
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                diff.add(new Line(Kind.SAME, a[i]));
                i++;
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                diff.add(new Line(Kind.REMOVED, a[i++]));
            } else {
                diff.add(new Line(Kind.ADDED, b[j++]));
            }
        }
        while (i < a.length) diff.add(new Line(Kind.REMOVED, a[i++]));
        while (j < b.length) diff.add(new Line(Kind.ADDED, b[j++]));
        return diff;
    }

    static boolean changed(List<Line> diff) {
        return diff.stream().anyMatch(line -> line.kind() != Kind.SAME);
    }

    private static String[] lines(String text) {
        return text == null || text.isEmpty()
                ? new String[0]
                : text.replace("\r\n", "\n").split("\n", -1);
    }
}
