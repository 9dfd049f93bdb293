package com.bestever.article;

import com.bestever.system.References;
import com.bestever.system.Usage;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The reviews (in any state) about a film, in an author's byline or in a genre: they keep it from being deleted. */
@Component
@Order(1)
class ReviewReferences implements References {

    private final JdbcClient jdbc;

    ReviewReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void count(Target target, long id, Usage usage) {
        String column = switch (target) {
            case FILM -> "film_id";
            case AUTHOR -> "author_id";
            case GENRE -> "genre_id";
        };
        usage.add(
                jdbc.sql("select count(*) from article where " + column + " = ?")
                        .param(id)
                        .query(Long.class)
                        .single(),
                "review",
                "reviews");
    }
}
