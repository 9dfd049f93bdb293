package com.bestever.system;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;

/** The {@code ?page=N} of a listing: 1-based for readers, validated before it reaches a query. */
public final class PageNumber {

    public static final int SIZE = 20;

    private PageNumber() {}

    /** The page a reader asked for; anything below 1 or absurdly large is not a page of ours. */
    public static Pageable of(int page) {
        if (page < 1 || page > 100_000) {
            throw new NotFoundException("page " + page);
        }
        return PageRequest.of(page - 1, SIZE);
    }
}
