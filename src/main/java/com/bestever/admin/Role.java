package com.bestever.admin;

/**
 * What a signed-in person may do in the newsroom. Each role includes the ones below it
 * (ADMIN > EDITOR > WRITER), in Spring Security's role hierarchy as in {@link #includes}.
 */
public enum Role {

    /** Writes their own drafts and submits them for review. */
    WRITER("Writer"),
    /** Manages and publishes everything: articles, films, authors, genres, polls. */
    EDITOR("Editor"),
    /** An editor who also manages accounts. */
    ADMIN("Administrator");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The authority Spring Security checks with {@code hasRole(...)}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether this role may do what {@code other} may do: ADMIN includes EDITOR includes WRITER. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
