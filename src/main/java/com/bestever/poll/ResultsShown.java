package com.bestever.poll;

/** When readers see a poll's standings (set per poll on the poll desk). */
public enum ResultsShown {
    /** Always: on the poll's page, and the live counts on public pages. */
    ALWAYS("Always"),
    /** To each reader once they have voted, on the poll's own page; on public pages once it closes. */
    AFTER_VOTE("After the reader votes"),
    /** Only once the poll has closed. */
    AFTER_CLOSE("After the poll closes");

    private final String label;

    ResultsShown(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether a reader sees the standings: {@code voted} in this round, the poll {@code closed}. */
    public boolean shows(boolean voted, boolean closed) {
        return switch (this) {
            case ALWAYS -> true;
            case AFTER_VOTE -> voted || closed;
            case AFTER_CLOSE -> closed;
        };
    }

    /** Whether public pages (the same for every reader) may show the live counts. */
    public boolean showsPublicly(boolean closed) {
        return this == ALWAYS || closed;
    }
}
