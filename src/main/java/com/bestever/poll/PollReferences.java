package com.bestever.poll;

import com.bestever.system.References;
import com.bestever.system.Usage;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The polls about a film or in a genre: they keep it from being deleted. Polls have no author. */
@Component
@Order(3)
class PollReferences implements References {

    private final JdbcClient jdbc;

    PollReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void count(Target target, long id, Usage usage) {
        switch (target) {
            case FILM -> usage.add(polls("film_id", id), "poll", "polls");
            case GENRE -> usage.add(polls("genre_id", id), "poll", "polls");
            case AUTHOR -> {} // polls have no author
        }
    }

    private long polls(String column, long id) {
        return jdbc.sql("select count(*) from vote_question where " + column + " = ?")
                .param(id)
                .query(Long.class)
                .single();
    }
}
