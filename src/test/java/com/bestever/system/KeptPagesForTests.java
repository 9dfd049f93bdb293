package com.bestever.system;

import org.springframework.stereotype.Component;

/**
 * Lets a test measure a page's rendering rather than its kept copy: drops every kept page without
 * telling anything else that content changed (in-memory listings and verdicts stay loaded).
 */
@Component
public class KeptPagesForTests {

    private final PublicPageCache cache;

    KeptPagesForTests(PublicPageCache cache) {
        this.cache = cache;
    }

    public void dropAll() {
        cache.clear();
    }
}
