package com.bestever.poll;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import com.bestever.admin.SignedIn;
import com.bestever.system.ContentChanged;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Challengers: the film a reader who voted "No, something else is" would put first. Either one
 * of the genre's contenders (a film with a poll in the same genre) or a title in the reader's own
 * words, which waits for an editor's approval. One per reader per poll (the database says so).
 * The genre's leaderboard shows the top challengers (site films and approved titles, from polls
 * readers may see, and only of readers whose vote was not voided); the editors' desk lists them
 * all as candidates for the next review.
 */
@Service
class Challengers {

    /** As long as a film's title may be (film.title, challenger.title). */
    static final int TITLE_MAX = 200;

    static final int TOP = 5;

    private final JdbcClient jdbc;
    private final PollReviews reviews;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AuditLog audit;

    Challengers(
            JdbcClient jdbc,
            PollReviews reviews,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            Clock clock,
            AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** A film a reader may pick: the genre's contenders. */
    record Contender(long id, String title, int releaseYear) {}

    /** The films with a poll in the poll's genre, other than the poll's own, by title. */
    List<Contender> contenders(Poll poll) {
        return jdbc.sql("""
                        select distinct f.id, f.title, f.release_year
                          from vote_question q join film f on f.id = q.film_id
                         where q.genre_id = (select genre_id from vote_question where id = ?)
                           and f.id <> (select film_id from vote_question where id = ?)
                         order by f.title, f.release_year, f.id
                        """)
                .params(poll.id(), poll.id())
                .query((rs, row) -> new Contender(rs.getLong("id"), rs.getString("title"), rs.getInt("release_year")))
                .list();
    }

    /** Whether this reader's counted vote in the poll's round says "no" (or anything but "yes"). */
    boolean mayName(Poll poll, String voterId) {
        return jdbc.sql("""
                        select exists (select 1 from vote v join vote_option o on o.id = v.option_id
                                        where v.question_id = ? and v.round = ? and v.voter_id = ?
                                          and v.voiding_id is null and not o.affirmative)
                        """)
                .params(poll.id(), poll.round(), voterId)
                .query(Boolean.class)
                .single();
    }

    /** The challenger this reader named in this poll, as they see it ("Title (pending)"), if any. */
    Optional<String> namedBy(Poll poll, String voterId) {
        return jdbc.sql("""
                        select coalesce(f.title, c.title) as name, c.status
                          from challenger c left join film f on f.id = c.film_id
                         where c.question_id = ? and c.voter_id = ?
                        """)
                .params(poll.id(), voterId)
                .query((rs, row) -> rs.getString("name")
                        + ("PENDING".equals(rs.getString("status")) ? " (waiting for an editor’s approval)" : ""))
                .optional();
    }

    /**
     * Records the reader's challenger: a contender's id, or a title in their words (pending).
     * Refused when the reader's vote is not a counted "no", when the film is not a contender, and
     * when they already named one.
     */
    void name(Poll poll, String voterId, Long filmId, String title) {
        if (!mayName(poll, voterId)) {
            throw new PollProblem(
                    HttpStatus.CONFLICT,
                    "Only a reader whose vote says another film is the best ever names a challenger.",
                    poll,
                    null);
        }
        if (filmId != null && contenders(poll).stream().noneMatch(contender -> contender.id() == filmId)) {
            throw new PollProblem(
                    HttpStatus.BAD_REQUEST, "That film is not one of the choices; pick one from the list.", poll, null);
        }
        int named = jdbc.sql("""
                        insert into challenger (question_id, voter_id, film_id, title, status)
                        values (?, ?, ?, ?, ?)
                        on conflict (question_id, voter_id) do nothing
                        """)
                .params(
                        poll.id(),
                        voterId,
                        filmId,
                        filmId == null ? title : null,
                        filmId == null ? "PENDING" : "APPROVED")
                .update();
        if (named == 0) {
            throw new PollProblem(
                    HttpStatus.CONFLICT,
                    "You have already named your challenger in this poll: one per reader.",
                    poll,
                    null);
        }
    }

    /** A challenger with how many readers named it. */
    record Named(String title, String filmSlug, long readers) {}

    /** The genre's top challengers, from polls readers may see: site films and approved titles. */
    List<Named> top(long genreId) {
        List<PollUnderReview> polls = jdbc.sql(
                        "select id, article_id from vote_question where genre_id = ? and article_id is not null")
                .param(genreId)
                .query((rs, row) -> new PollUnderReview(rs.getLong("id"), rs.getLong("article_id")))
                .list();
        Map<Long, PollReviews.Review> open = reviews.publicAt(
                polls.stream().map(PollUnderReview::articleId).collect(Collectors.toSet()), clock.instant());
        Long[] visible = polls.stream()
                .filter(poll -> open.containsKey(poll.articleId()))
                .map(PollUnderReview::pollId)
                .toArray(Long[]::new);
        if (visible.length == 0) {
            return List.of();
        }
        return named(visible, TOP);
    }

    private record PollUnderReview(long pollId, long articleId) {}

    /**
     * The approved challengers of these polls, most named first; a typed title under the
     * spelling its first reader gave (readers' other casings and spacings count with it).
     */
    private List<Named> named(Long[] pollIds, int limit) {
        return jdbc.sql("""
                        select coalesce(min(f.title), (array_agg(btrim(c.title) order by c.id))[1]) as title,
                               min(f.slug) as slug, count(*) as readers
                          from challenger c left join film f on f.id = c.film_id
                         where c.question_id = any(?::bigint[]) and c.status = 'APPROVED'
                           and (c.imported or exists (select 1 from vote v where v.question_id = c.question_id
                                          and v.voter_id = c.voter_id and v.voiding_id is null))
                         group by coalesce('film:' || c.film_id, 'title:' || lower(btrim(c.title)))
                         order by readers desc, title
                         limit ?
                        """)
                .params(pollIds, limit)
                .query((rs, row) -> new Named(rs.getString("title"), rs.getString("slug"), rs.getLong("readers")))
                .list();
    }

    /** A title in readers' words waiting for an editor, with how many readers gave it. */
    record Pending(long genreId, String genreName, String title, long readers) {}

    /** One genre's candidates for the next review. */
    record Candidates(String genreName, List<Named> named) {}

    /** The editors' desk: titles waiting for approval, and every genre's approved challengers. */
    List<Pending> pending() {
        return jdbc.sql("""
                        select g.id, g.name, (array_agg(btrim(c.title) order by c.id))[1] as title, count(*) as readers
                          from challenger c
                          join vote_question q on q.id = c.question_id
                          join genre g on g.id = q.genre_id
                         where c.status = 'PENDING'
                         group by g.id, g.name, lower(btrim(c.title))
                         order by readers desc, g.name, title
                        """)
                .query((rs, row) -> new Pending(
                        rs.getLong("id"), rs.getString("name"), rs.getString("title"), rs.getLong("readers")))
                .list();
    }

    List<Candidates> candidates() {
        Map<Long, String> genres = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        select distinct g.id, g.name from challenger c
                          join vote_question q on q.id = c.question_id join genre g on g.id = q.genre_id
                         where c.status = 'APPROVED' order by g.name
                        """)
                .query((rs, row) -> genres.put(rs.getLong("id"), rs.getString("name")))
                .list();
        return genres.entrySet().stream()
                .map(genre -> new Candidates(
                        genre.getValue(),
                        named(
                                jdbc.sql("select id from vote_question where genre_id = ?")
                                        .param(genre.getKey())
                                        .query(Long.class)
                                        .list()
                                        .toArray(Long[]::new),
                                20)))
                .toList();
    }

    /**
     * An editor approves or rejects a title readers gave in a genre (every reader who wrote it,
     * however they cased or spaced it).
     *
     * @return how many readers' nominations changed
     */
    int moderate(long genreId, String title, boolean approve, SignedIn editor) {
        Integer changed = transaction.execute(status -> {
            int n = jdbc.sql("""
                            update challenger c set status = ?, reviewed_by = ?, reviewed_at = ?
                              from vote_question q
                             where q.id = c.question_id and q.genre_id = ? and c.status = 'PENDING'
                               and lower(btrim(c.title)) = lower(btrim(?))
                            """)
                    .params(
                            approve ? "APPROVED" : "REJECTED",
                            editor.accountId(),
                            Timestamp.from(clock.instant()),
                            genreId,
                            title)
                    .update();
            if (n > 0) {
                String genre = jdbc.sql("select name from genre where id = ?")
                        .param(genreId)
                        .query(String.class)
                        .optional()
                        .orElse("?");
                audit.record(
                        approve ? AuditKind.CHALLENGER_APPROVED : AuditKind.CHALLENGER_REJECTED,
                        AuditLog.Subject.of("genre", genreId, genre),
                        "“" + title.strip() + "” " + (approve ? "approved" : "rejected") + " as a challenger (" + n
                                + (n == 1 ? " reader)" : " readers)"));
            }
            if (n > 0 && approve) {
                events.publishEvent(new ContentChanged(ContentChanged.Kind.GENRE, genreId));
            }
            return n;
        });
        return Objects.requireNonNullElse(changed, 0);
    }
}
