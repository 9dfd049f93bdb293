package com.bestever.article;

import com.bestever.poll.VoteQuestion;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanged.Kind;
import java.util.ArrayList;
import java.util.List;

/** Everything the review page shows: the review, its body as safe HTML and its poll (may be null). */
public record ReviewPage(Article article, String bodyHtml, VoteQuestion poll) {

    /** What the page shows, as page tags: the review, its genre, film, author and poll. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>(List.of(
                ContentChanged.tag(Kind.REVIEW, article.getId()),
                ContentChanged.tag(Kind.GENRE, article.getGenre().getId()),
                ContentChanged.tag(Kind.FILM, article.getFilm().getId()),
                ContentChanged.tag(Kind.AUTHOR, article.getAuthor().getId())));
        if (poll != null) {
            tags.add(ContentChanged.tag(Kind.POLL, poll.getId()));
            tags.add(ContentChanged.tag(Kind.GENRE, poll.getGenre().getId()));
        }
        return tags;
    }
}
