package com.bestever.admin;

import java.util.Locale;

/** User names are case-insensitive: stored, looked up and throttled in lower case. */
final class Usernames {

    static final String PATTERN = "^[a-z0-9][a-z0-9._-]{1,39}$";

    private Usernames() {}

    static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
