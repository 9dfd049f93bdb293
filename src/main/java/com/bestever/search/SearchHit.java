package com.bestever.search;

import java.time.Instant;

/** One review found by a search, with its title and snippet highlighted where the query matched. */
record SearchHit(
        String slug,
        String title,
        Instant publishAt,
        String genreName,
        String genreSlug,
        String authorName,
        String authorSlug,
        String filmTitle,
        Highlight titleHighlight,
        Highlight snippet) {}
