package com.bestever.poll;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the vote endpoint and the poll's page need to know about a poll, detached from the
 * database so it can be kept in memory until the content changes.
 *
 * @param reviewSlug the slug of the poll's review (null: none)
 * @param reviewPublicFrom when that review is or becomes public (null: it is a draft)
 */
public record Poll(
        long id,
        int round,
        String question,
        Instant opensAt,
        Instant closesAt,
        Long articleId,
        String filmTitle,
        String genreName,
        String genreSlug,
        List<Answer> answers,
        String reviewSlug,
        Instant reviewPublicFrom,
        ResultsShown resultsShown) {

    public record Answer(long id, String label) {}

    /**
     * A poll is public with its review: a draft's or a scheduled review's poll is not found, and
     * neither is one whose review was deleted (it keeps its votes for the desk, but readers can
     * neither see it nor vote in it, and it leaves the leaderboard).
     */
    public boolean isPublicAt(Instant now) {
        return articleId != null && reviewPublicFrom != null && !now.isBefore(reviewPublicFrom);
    }

    Optional<Answer> answer(long optionId) {
        return answers.stream().filter(answer -> answer.id() == optionId).findFirst();
    }
}
