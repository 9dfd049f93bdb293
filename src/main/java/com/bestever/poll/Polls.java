package com.bestever.poll;

import com.bestever.system.Dates;
import com.bestever.system.EachUntilContentChanges;
import com.bestever.system.KeptState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read side of the poll: the poll itself (kept in memory until an editor changes content),
 * its live standings and a reader's own vote; for other
 * features, the polls about a film.
 */
@Service
public class Polls {

    /** How many polls are kept: every poll a reader is likely to vote in, even at 100,000 reviews. */
    static final int KEPT = 25_000;

    private final VoteQuestionRepository questions;
    private final PollReviews reviews;
    private final PollStates states;
    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final EachUntilContentChanges<Long, Poll> kept;

    Polls(
            VoteQuestionRepository questions,
            PollReviews reviews,
            PollStates states,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Clock clock,
            KeptState keptState) {
        this.questions = questions;
        this.reviews = reviews;
        this.states = states;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.clock = clock;
        // A poll shows its film's title, its genre and its review's slug and moment: any change may
        // touch one, and changes are rare beside votes. A kept poll is about 0.8 KB (25,000: some 20 MB).
        this.kept = keptState.eachUntilChanged(event -> true, KEPT, this::load);
    }

    Optional<Poll> poll(long id) {
        return kept.get(id);
    }

    /**
     * The poll with its film's title, its genre and its answers in one plain statement (a row per
     * answer), then its review's slug: the vote's first step asks for polls spread over the whole
     * archive, most of them not kept, and a JPA transaction with three fetched associations cost
     * it more than the rest of its work.
     */
    private Optional<Poll> load(long id) {
        List<PollRow> rows = jdbc.sql("""
                        select q.id, q.round, q.question, q.opens_at, q.closes_at, q.article_id, q.results_shown,
                               f.title as film_title, g.name as genre_name, g.slug as genre_slug,
                               o.id as answer_id, o.label as answer_label
                          from vote_question q
                          join film f on f.id = q.film_id
                          join genre g on g.id = q.genre_id
                          left join vote_option o on o.question_id = q.id
                         where q.id = ?
                         order by o.position
                        """)
                .param(id)
                .query((rs, row) -> new PollRow(
                        rs.getInt("round"),
                        rs.getString("question"),
                        rs.getTimestamp("opens_at").toInstant(),
                        Dates.instantOrNull(rs.getTimestamp("closes_at")),
                        rs.getObject("article_id", Long.class),
                        ResultsShown.valueOf(rs.getString("results_shown")),
                        rs.getString("film_title"),
                        rs.getString("genre_name"),
                        rs.getString("genre_slug"),
                        rs.getObject("answer_id", Long.class),
                        rs.getString("answer_label")))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        PollRow first = rows.get(0);
        List<Poll.Answer> answers = rows.stream()
                .filter(row -> row.answerId() != null)
                .map(row -> new Poll.Answer(row.answerId(), row.answerLabel()))
                .toList();
        PollReviews.Review review = first.articleId() == null
                ? null
                : reviews.review(first.articleId()).orElse(null);
        return Optional.of(new Poll(
                id,
                first.round(),
                first.question(),
                first.opensAt(),
                first.closesAt(),
                first.articleId(),
                first.filmTitle(),
                first.genreName(),
                first.genreSlug(),
                answers,
                review == null ? null : review.slug(),
                review == null ? null : review.publicFrom(),
                first.resultsShown()));
    }

    /** One row of {@link #load}: the poll's columns, repeated, and one of its answers (none: null). */
    private record PollRow(
            int round,
            String question,
            Instant opensAt,
            Instant closesAt,
            Long articleId,
            ResultsShown resultsShown,
            String filmTitle,
            String genreName,
            String genreSlug,
            Long answerId,
            String answerLabel) {}

    /**
     * The polls about a film, for its page, with their state and standings: only those readers
     * may see (their review is public; a poll whose review was deleted is withdrawn). In two statements.
     */
    public List<PollSummary> aboutFilm(long filmId) {
        Instant now = clock.instant();
        return readOnly.execute(status -> {
            List<VoteQuestion> about = questions.findByFilmId(filmId);
            Map<Long, PollReviews.Review> publicReviews = reviews.publicAt(
                    about.stream()
                            .map(VoteQuestion::getArticleId)
                            .filter(Objects::nonNull)
                            .collect(Collectors.toSet()),
                    now);
            return about.stream()
                    .filter(question ->
                            question.getArticleId() != null && publicReviews.containsKey(question.getArticleId()))
                    .map(question -> new PollSummary(
                            question.getId(),
                            question.getQuestion(),
                            question.getGenre().getName(),
                            question.getGenre().getSlug(),
                            states.state(question),
                            states.publicStandings(question)))
                    .toList();
        });
    }

    /** The poll at this address ({@code /polls/{id}/…}) while readers may see it; else a 404. */
    Poll visible(String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException ex) {
            throw new PollProblem(HttpStatus.NOT_FOUND, "There is no poll at this address.");
        }
        return poll(number)
                .filter(this::isPublic)
                .orElseThrow(() -> new PollProblem(HttpStatus.NOT_FOUND, "There is no poll at this address."));
    }

    /** The live standings, straight from the counts. */
    Standings standings(Poll poll) {
        List<Standings.Count> counts = jdbc.sql("""
                        select id, label, votes, affirmative from vote_option
                         where question_id = ? order by position, id
                        """)
                .param(poll.id())
                .query((rs, row) -> new Standings.Count(
                        rs.getLong("id"), rs.getString("label"), rs.getLong("votes"), rs.getBoolean("affirmative")))
                .list();
        return Standings.of(counts, states.state(poll).isOpen());
    }

    /** The answer this voter gave, if any. */
    Optional<String> choiceOf(Poll poll, String voterId) {
        return jdbc.sql("""
                        select o.label from vote v join vote_option o on o.id = v.option_id
                         where v.question_id = ? and v.round = ? and v.voter_id = ?
                        """)
                .params(poll.id(), poll.round(), voterId)
                .query(String.class)
                .optional();
    }

    /** The slug of the poll's review, while that review is public. */
    Optional<String> reviewSlug(Poll poll) {
        return poll.reviewSlug() != null && poll.isPublicAt(clock.instant())
                ? Optional.of(poll.reviewSlug())
                : Optional.empty();
    }

    /** Whether readers may see this poll now: not while its review is a draft or scheduled. */
    boolean isPublic(Poll poll) {
        return poll.isPublicAt(clock.instant());
    }
}
