package com.bestever.poll;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the vote endpoint and the poll's page need to know about a poll, detached from the
 * database so it can be kept in memory for a few seconds.
 */
public record Poll(long id, String question, Instant opensAt, Instant closesAt, Long articleId,
        String filmTitle, String genreName, String genreSlug, List<Answer> answers) {

    public record Answer(long id, String label) {
    }

    static Poll of(VoteQuestion question) {
        return new Poll(question.getId(), question.getQuestion(), question.getOpensAt(), question.getClosesAt(),
                question.getArticleId(), question.getFilm().getTitle(), question.getGenre().getName(),
                question.getGenre().getSlug(),
                question.getOptions().stream().map(o -> new Answer(o.getId(), o.getLabel())).toList());
    }

    public PollState stateAt(Instant now) {
        if (now.isBefore(opensAt)) {
            return PollState.UPCOMING;
        }
        return closesAt == null || now.isBefore(closesAt) ? PollState.OPEN : PollState.CLOSED;
    }

    Optional<Answer> answer(long optionId) {
        return answers.stream().filter(answer -> answer.id() == optionId).findFirst();
    }
}
