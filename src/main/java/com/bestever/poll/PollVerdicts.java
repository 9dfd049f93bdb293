package com.bestever.poll;

import com.bestever.admin.AuditKind;
import com.bestever.system.ContentChanged;
import com.bestever.system.KeptState;
import com.bestever.system.UntilContentChanges;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Final verdicts: when a round of a poll closes (its closing time passes, or an editor closes it
 * now), its verdict is written once and never changed (the database refuses to): the "yes"
 * share, its 95% Wilson interval, n and the film's rank in the genre. A verdict is frozen at the
 * first read after the closing time, or by a job every minute, whichever comes first: no job has
 * to be on time for a verdict to be right, since the counts of a closed round no longer move.
 * Freezing announces {@code ContentChanged(POLL, id)}, so the pages that show the poll are
 * dropped from caches even though nobody saved anything.
 *
 * <p>An editor may reopen a closed poll: its next round starts with counts at zero ("Revisited
 * 2027"), and the earlier verdicts stay as they were.
 */
@Service
public class PollVerdicts {

    private final JdbcClient jdbc;
    private final Leaderboard leaderboard;
    private final PollReviews reviews;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PollAudit audit;
    /** Held by the pass that freezes every due round (freezeDue). */
    private final ReentrantLock freezing = new ReentrantLock();
    /**
     * No round without a verdict closes before {@code moment}, as far as the last pass saw, while
     * no poll has changed since ({@code pollChanges}: the changes {@link #backing} has counted, the
     * same changes): until then {@link #freezeDue()} costs no query (the look for due rounds scans
     * every closed round: 20-50 ms at 100,000 reviews, on every author page, feed and leaderboard).
     * A poll's change (its closing time, a reopening, a new poll; here or on another instance, and
     * again after the editor's commit) opens the gate. Freezing announces such a change too, so a
     * pass that froze something is followed by one that finds nothing and sets the gate.
     */
    private record NothingDue(Instant before, long pollChanges) {}

    private volatile NothingDue nothingDue = new NothingDue(Instant.MIN, 0);

    /**
     * Every poll's latest final verdict, by the review it hangs under: a critic's record is a look
     * through this for their reviews, in memory (read from the database per page, a critic with
     * 450 reviews cost 2 ms and 2,000 buffers at 100,000 reviews). Reloaded after a poll changes
     * (a verdict frozen, a poll added, moved or deleted): one statement over every verdict.
     */
    private final UntilContentChanges<Backing> backing;

    /** Per poll with a verdict: its review's id (ascending, a review may have several polls) and whether readers backed it. */
    private record Backing(long[] articleIds, boolean[] backed) {

        /** How many of the polls under these reviews readers backed, of how many have a verdict. */
        Agreement of(Collection<Long> reviewIds) {
            int agreed = 0;
            int verdicts = 0;
            for (long id : reviewIds) {
                int at = Arrays.binarySearch(articleIds, id);
                if (at < 0) {
                    continue;
                }
                while (at > 0 && articleIds[at - 1] == id) {
                    at--;
                }
                for (; at < articleIds.length && articleIds[at] == id; at++) {
                    verdicts++;
                    agreed += backed[at] ? 1 : 0;
                }
            }
            return new Agreement(agreed, verdicts);
        }
    }

    PollVerdicts(
            JdbcClient jdbc,
            Leaderboard leaderboard,
            PollReviews reviews,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            Clock clock,
            PollAudit audit,
            KeptState kept) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.leaderboard = leaderboard;
        this.reviews = reviews;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.backing = kept.untilChanged(
                event -> event.isEverything() || event.kind() == ContentChanged.Kind.POLL, this::loadBacking);
    }

    /** One round's final verdict. {@code genreRank} is null when the film had too few votes to rank. */
    public record Verdict(
            long pollId,
            int round,
            Instant closedAt,
            long yes,
            long votes,
            double lower,
            double upper,
            Integer genreRank,
            String question,
            String filmTitle,
            String genreName,
            String genreSlug,
            Long articleId,
            long excluded) {

        /** "3 votes excluded by the editors" (see {@link VoidedVotes}). */
        public String excludedText() {
            return VoidedVotes.excludedText(excluded);
        }

        public int yesPercent() {
            return votes == 0 ? 0 : (int) Math.round(100.0 * yes / votes);
        }

        public String figuresText() {
            if (votes == 0) {
                return "no votes";
            }
            WilsonScore.Interval interval = new WilsonScore.Interval(lower, upper);
            return String.format(
                    Locale.ENGLISH,
                    "%d%% say yes (95%% interval %d–%d%%, n = %,d)",
                    yesPercent(),
                    interval.lowerPercent(),
                    interval.upperPercent(),
                    votes);
        }

        /** Whether the readers backed the critic (who says the film is the best ever): sure of a "yes" majority. */
        public boolean readersBacked() {
            return votes > 0 && lower > 0.5;
        }

        /** "Readers backed the critic’s verdict", or did not, or it is too close to call. */
        public String backingText() {
            if (readersBacked()) {
                return "Readers backed the critic’s verdict";
            }
            return votes > 0 && upper < 0.5
                    ? "Readers did not back the critic’s verdict"
                    : "Too close to call whether readers back the critic’s verdict";
        }

        /** "#2 in Coming-of-Age", or "too few votes to rank in Coming-of-Age". */
        public String rankText() {
            return genreRank == null ? "too few votes to rank in " + genreName : "#" + genreRank + " in " + genreName;
        }
    }

    /**
     * How often readers backed a critic, from final verdicts only: of the polls under these
     * reviews that have one, how many latest verdicts say "yes" with a sure majority.
     */
    public record Agreement(int agreed, int verdicts) {

        /** "Readers agreed with 4 of 6 of Philip Dale’s verdicts". */
        public String text(String critic) {
            return "Readers agreed with " + agreed + " of " + verdicts + " of " + critic + "’s verdicts";
        }
    }

    /** The readers' agreement with the reviews of these ids (a critic's public reviews), from memory. */
    public Agreement agreement(Collection<Long> articleIds) {
        if (articleIds.isEmpty()) {
            return new Agreement(0, 0);
        }
        freezeDue(); // a poll whose time has come counts at once, whatever the job's timing
        return backing.get().of(articleIds);
    }

    /** Each poll's latest verdict: whether readers backed the review, with a sure majority. */
    private Backing loadBacking() {
        List<Object[]> rows = jdbc.sql("""
                        select q.article_id, latest.backed
                          from (select distinct on (v.question_id) v.question_id, v.votes > 0 and v.lower > 0.5 as backed
                                  from poll_verdict v
                                 order by v.question_id, v.round desc) latest
                          join vote_question q on q.id = latest.question_id
                         order by q.article_id
                        """)
                .query((rs, row) -> new Object[] {rs.getLong(1), rs.getBoolean(2)})
                .list();
        long[] articleIds = new long[rows.size()];
        boolean[] backed = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            articleIds[i] = (Long) rows.get(i)[0];
            backed[i] = (Boolean) rows.get(i)[1];
        }
        return new Backing(articleIds, backed);
    }

    /** A verdict as the feed shows it: with the public review it hangs under. */
    public record Published(Verdict verdict, String reviewSlug) {}

    private static final String SELECT = """
            select v.question_id, v.round, v.closed_at, v.yes, v.votes, v.lower, v.upper, v.genre_rank,
                   q.question, f.title, g.name as genre_name, g.slug as genre_slug, q.article_id, v.excluded
              from poll_verdict v
              join vote_question q on q.id = v.question_id
              join film f on f.id = q.film_id
              join genre g on g.id = v.genre_id
            """;

    private static Verdict verdict(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Verdict(
                rs.getLong("question_id"),
                rs.getInt("round"),
                rs.getTimestamp("closed_at").toInstant(),
                rs.getLong("yes"),
                rs.getLong("votes"),
                rs.getDouble("lower"),
                rs.getDouble("upper"),
                rs.getObject("genre_rank", Integer.class),
                rs.getString("question"),
                rs.getString("title"),
                rs.getString("genre_name"),
                rs.getString("genre_slug"),
                rs.getObject("article_id", Long.class),
                rs.getLong("excluded"));
    }

    /** Every verdict of this poll, the latest round first (its current round's, once frozen). */
    public List<Verdict> of(long pollId) {
        freezeIfDue(pollId);
        return jdbc.sql(SELECT + " where v.question_id = ? order by v.round desc")
                .param(pollId)
                .query(PollVerdicts::verdict)
                .list();
    }

    /** Every verdict of this poll (see {@link #of(long)}); for the review's template. */
    public List<Verdict> of(VoteQuestion poll) {
        return of(poll.getId());
    }

    /** The newest verdicts of polls readers may see, with their reviews, newest first: for the feed. */
    public List<Published> latest(int limit) {
        freezeDue();
        List<Verdict> newest = jdbc.sql(
                        SELECT
                                + " where q.article_id is not null order by v.closed_at desc, v.question_id desc, v.round desc limit ?")
                .param(limit * 2)
                .query(PollVerdicts::verdict)
                .list();
        Map<Long, PollReviews.Review> open = reviews.publicAt(
                newest.stream().map(Verdict::articleId).filter(Objects::nonNull).collect(Collectors.toSet()),
                clock.instant());
        return newest.stream()
                .filter(v -> open.containsKey(v.articleId()))
                .limit(limit)
                .map(v -> new Published(v, open.get(v.articleId()).slug()))
                .toList();
    }

    /**
     * Freezes every round whose closing time has passed and that has no verdict yet. One pass at
     * a time: a reader's page that arrives while another pass runs (the job catching up on
     * thousands of rounds after a long downtime, say) does not queue behind it or repeat its work;
     * that pass is freezing the same rounds. Each genre's standings are read once per pass, not
     * once per round (a round's rank is its film's place in them).
     */
    @Scheduled(initialDelay = 30, fixedDelay = 60, timeUnit = TimeUnit.SECONDS)
    public int freezeDue() {
        Instant now = clock.instant();
        NothingDue gate = nothingDue;
        if (gate.pollChanges() == backing.changes() && now.isBefore(gate.before())) {
            return 0; // no round closes before then: the author pages, feed and leaderboard ask nothing
        }
        if (!freezing.tryLock()) {
            return 0;
        }
        try {
            long changesBefore = backing.changes();
            int frozen = freezeDueNow();
            Instant next = jdbc.sql("select min(closes_at) from vote_question where closes_at > ?")
                    .param(Timestamp.from(now))
                    .query(Timestamp.class)
                    .optional()
                    .map(Timestamp::toInstant)
                    .orElse(Instant.MAX);
            if (frozen == 0 && backing.changes() == changesBefore) {
                nothingDue = new NothingDue(next, changesBefore);
            }
            return frozen;
        } finally {
            freezing.unlock();
        }
    }

    private int freezeDueNow() {
        Map<Long, Leaderboard.Verdict> standings = new HashMap<>();
        List<Long> due = jdbc.sql("""
                        select q.id from vote_question q
                         where q.closes_at <= ?
                           and not exists (select 1 from poll_verdict v where v.question_id = q.id and v.round = q.round)
                        """)
                .param(Timestamp.from(clock.instant()))
                .query(Long.class)
                .list();
        int frozen = 0;
        for (long id : due) {
            if (freezeIfDue(id, standings)) {
                frozen++;
            }
        }
        return frozen;
    }

    /** One poll's current round and what it needs to be frozen. */
    private record Round(long id, int round, long genreId, String filmSlug, Instant closesAt) {}

    /** A round's counts as frozen: "yes" votes, all votes, and votes voided by editors. */
    private record Counts(long yes, long votes, long excluded) {}

    /** Freezes the poll's current round if it has closed and has no verdict yet; true if this call froze it. */
    boolean freezeIfDue(long pollId) {
        return freezeIfDue(pollId, new HashMap<>());
    }

    /** As {@link #freezeIfDue(long)}, reading each genre's standings at most once into {@code standings}. */
    private boolean freezeIfDue(long pollId, Map<Long, Leaderboard.Verdict> standings) {
        Instant now = clock.instant();
        Optional<Round> due = jdbc.sql("""
                        select q.id, q.round, q.genre_id, f.slug, q.closes_at
                          from vote_question q
                          join film f on f.id = q.film_id
                         where q.id = ? and q.closes_at <= ?
                           and not exists (select 1 from poll_verdict v where v.question_id = q.id and v.round = q.round)
                        """)
                .params(pollId, Timestamp.from(now))
                .query((rs, row) -> new Round(
                        rs.getLong("id"),
                        rs.getInt("round"),
                        rs.getLong("genre_id"),
                        rs.getString("slug"),
                        rs.getTimestamp("closes_at").toInstant()))
                .optional();
        if (due.isEmpty()) {
            return false;
        }
        Round round = due.get();
        // The film's place in the genre as readers see it now (null: too few votes, or not public).
        Integer rank = standings.computeIfAbsent(round.genreId(), leaderboard::of).ranked().stream()
                .filter(entry -> entry.filmSlug().equals(round.filmSlug()))
                .map(Leaderboard.Entry::rank)
                .findFirst()
                .orElse(null);
        Boolean frozen = transaction.execute(status -> {
            // Under the poll's lock, so an editor's voiding (which takes it too) is either wholly
            // in these counts or refused because the verdict is final: never half of each.
            jdbc.sql("select id from vote_question where id = ? for share")
                    .param(round.id())
                    .query(Long.class)
                    .single();
            Counts counts = jdbc.sql("""
                            select coalesce(sum(votes) filter (where affirmative), 0) as yes,
                                   coalesce(sum(votes), 0) as votes,
                                   (select count(*) from vote v
                                     where v.question_id = ? and v.round = ? and v.voiding_id is not null) as excluded
                              from vote_option where question_id = ?
                            """)
                    .params(round.id(), round.round(), round.id())
                    .query((rs, row) -> new Counts(rs.getLong("yes"), rs.getLong("votes"), rs.getLong("excluded")))
                    .single();
            WilsonScore.Interval interval = WilsonScore.interval(counts.yes(), counts.votes());
            int written = jdbc.sql("""
                            insert into poll_verdict (question_id, round, genre_id, closed_at, yes, votes, lower, upper,
                                                      genre_rank, excluded)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (question_id, round) do nothing
                            """)
                    .params(
                            round.id(),
                            round.round(),
                            round.genreId(),
                            Timestamp.from(round.closesAt()),
                            counts.yes(),
                            counts.votes(),
                            interval.lower(),
                            interval.upper(),
                            rank,
                            counts.excluded())
                    .update();
            if (written == 1) {
                events.publishEvent(new ContentChanged(ContentChanged.Kind.POLL, round.id()));
            }
            return written == 1;
        });
        return Boolean.TRUE.equals(frozen);
    }

    /** An editor's "close now": the round closes at this moment and its verdict is frozen. */
    public void closeNow(long pollId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored: never rounded up past now
        transaction.executeWithoutResult(status -> {
            int closed = jdbc.sql("""
                            update vote_question set closes_at = ?, updated_at = ?
                             where id = ? and opens_at < ? and (closes_at is null or closes_at > ?)
                            """)
                    .params(Timestamp.from(now), Timestamp.from(now), pollId, Timestamp.from(now), Timestamp.from(now))
                    .update();
            if (closed == 0) {
                throw new PollProblem(HttpStatus.CONFLICT, "Only an open poll can be closed.");
            }
            audit.record(AuditKind.POLL_CLOSED, pollId, "closed now by an editor; the round's verdict is final");
            events.publishEvent(new ContentChanged(ContentChanged.Kind.POLL, pollId));
        });
        freezeIfDue(pollId);
    }

    /**
     * An editor reopens a closed poll: its verdict is frozen first (if it was not yet), then the
     * next round starts now, with no closing time and its counts at zero. The votes of earlier
     * rounds stay, as do their verdicts.
     */
    public void reopen(long pollId) {
        freezeIfDue(pollId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored: never rounded up past now
        transaction.executeWithoutResult(status -> {
            int reopened = jdbc.sql("""
                            update vote_question set round = round + 1, opens_at = ?, closes_at = null, updated_at = ?
                             where id = ? and closes_at <= ?
                               and exists (select 1 from poll_verdict v
                                            where v.question_id = vote_question.id and v.round = vote_question.round)
                            """)
                    .params(Timestamp.from(now), Timestamp.from(now), pollId, Timestamp.from(now))
                    .update();
            if (reopened == 0) {
                throw new PollProblem(HttpStatus.CONFLICT, "Only a closed poll can be reopened.");
            }
            jdbc.sql("update vote_option set votes = 0 where question_id = ?")
                    .param(pollId)
                    .update();
            int round = jdbc.sql("select round from vote_question where id = ?")
                    .param(pollId)
                    .query(Integer.class)
                    .single();
            audit.record(
                    AuditKind.POLL_REOPENED,
                    pollId,
                    "reopened for round " + round + ", counts at zero; earlier verdicts stay");
            events.publishEvent(new ContentChanged(ContentChanged.Kind.POLL, pollId));
        });
    }
}
