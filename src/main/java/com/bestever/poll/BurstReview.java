package com.bestever.poll;

import com.bestever.admin.AuditKind;
import com.bestever.admin.SignedIn;
import com.bestever.system.ContentChanged;
import com.bestever.system.Dates;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Vote-abuse review: where a poll's votes in its current round came from in bursts (the most
 * votes per client hash, the busiest minutes), and an editor's voiding of a burst. A voided vote
 * stays in the database, marked with its voiding (who, when, why); it leaves the counts in the
 * same transaction, and so the standings, the leaderboard and any verdict written afterwards.
 *
 * <p>The share of votes cast without a prior page view is not shown: the public pages are the
 * same bytes for every reader and are served from caches, so no page view is recorded per
 * reader, and a figure read from anything else would be a guess.
 */
@Service
class BurstReview {

    static final int TOP = 20;
    static final int REASON_MAX = 300;

    private final JdbcClient jdbc;
    private final PollVerdicts verdicts;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PollAudit audit;

    BurstReview(
            JdbcClient jdbc,
            PollVerdicts verdicts,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            Clock clock,
            PollAudit audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.verdicts = verdicts;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** The poll under review and its current round. */
    record Subject(long id, String question, String filmTitle, int round, long counted, long voided, boolean isFinal) {}

    /** One client hash's counted votes in the round. */
    record ClientBurst(String clientHash, long votes, Instant first, Instant last) {

        /** The first twelve characters: enough to tell hashes apart on the page. */
        public String shortHash() {
            return clientHash.length() <= 12 ? clientHash : clientHash.substring(0, 12) + "…";
        }
    }

    /** One minute's counted votes in the round, and from how many client hashes. */
    record MinuteBurst(Instant minute, long votes, long clients) {}

    /** One voiding, as the page lists it. */
    record Voiding(
            long id,
            String clientHash,
            Instant from,
            Instant until,
            String reason,
            String voidedBy,
            Instant voidedAt,
            long votes) {}

    /** What the review page shows. */
    record Review(Subject poll, List<ClientBurst> clients, List<MinuteBurst> minutes, List<Voiding> voidings) {}

    Review of(long pollId) {
        verdicts.freezeIfDue(pollId);
        Subject poll = jdbc.sql("""
                        select q.id, q.question, f.title, q.round,
                               (select count(*) from vote v
                                 where v.question_id = q.id and v.round = q.round and v.voiding_id is null) as counted,
                               (select count(*) from vote v
                                 where v.question_id = q.id and v.round = q.round and v.voiding_id is not null) as voided,
                               exists (select 1 from poll_verdict p where p.question_id = q.id and p.round = q.round) as final
                          from vote_question q join film f on f.id = q.film_id
                         where q.id = ?
                        """)
                .param(pollId)
                .query((rs, row) -> new Subject(
                        rs.getLong("id"),
                        rs.getString("question"),
                        rs.getString("title"),
                        rs.getInt("round"),
                        rs.getLong("counted"),
                        rs.getLong("voided"),
                        rs.getBoolean("final")))
                .optional()
                .orElseThrow(() -> new PollProblem(HttpStatus.NOT_FOUND, "There is no poll " + pollId + "."));
        List<ClientBurst> clients = jdbc.sql("""
                        select client_hash, count(*) as votes, min(created_at) as first, max(created_at) as last
                          from vote
                         where question_id = ? and round = ? and voiding_id is null and client_hash is not null
                         group by client_hash
                         order by votes desc, client_hash
                         limit ?
                        """)
                .params(poll.id(), poll.round(), TOP)
                .query((rs, row) -> new ClientBurst(
                        rs.getString("client_hash"),
                        rs.getLong("votes"),
                        rs.getTimestamp("first").toInstant(),
                        rs.getTimestamp("last").toInstant()))
                .list();
        List<MinuteBurst> minutes = jdbc.sql("""
                        select date_trunc('minute', created_at) as minute, count(*) as votes,
                               count(distinct client_hash) as clients
                          from vote
                         where question_id = ? and round = ? and voiding_id is null
                         group by 1
                         order by votes desc, minute
                         limit ?
                        """)
                .params(poll.id(), poll.round(), TOP)
                .query((rs, row) -> new MinuteBurst(
                        rs.getTimestamp("minute").toInstant(), rs.getLong("votes"), rs.getLong("clients")))
                .list();
        List<Voiding> voidings = jdbc.sql("""
                        select id, client_hash, from_at, until_at, reason, voided_by_name, voided_at, votes
                          from vote_voiding
                         where question_id = ?
                         order by voided_at desc, id desc
                        """)
                .param(poll.id())
                .query((rs, row) -> new Voiding(
                        rs.getLong("id"),
                        rs.getString("client_hash"),
                        Dates.instantOrNull(rs.getTimestamp("from_at")),
                        Dates.instantOrNull(rs.getTimestamp("until_at")),
                        rs.getString("reason"),
                        rs.getString("voided_by_name"),
                        rs.getTimestamp("voided_at").toInstant(),
                        rs.getLong("votes")))
                .list();
        return new Review(poll, clients, minutes, voidings);
    }

    /** A burst to void: one client hash's votes, all of them or those cast in [from, until). */
    record Burst(String clientHash, Instant from, Instant until, String reason) {}

    /**
     * Voids the burst's counted votes in the poll's current round: marks each row with this
     * voiding and takes it off its option's count, in one transaction. Refused once the round's
     * verdict is final (it is never changed), and when no counted vote matches.
     *
     * @return how many votes were voided
     */
    long voidBurst(long pollId, Burst burst, SignedIn editor) {
        verdicts.freezeIfDue(pollId); // a round whose time is up is final, whatever the job's timing
        Instant now = clock.instant();
        Long voided = transaction.execute(status -> {
            // The poll's row is locked, so no close, reopen or freeze runs between the check and the voiding.
            Integer round = jdbc.sql("""
                            select q.round from vote_question q
                             where q.id = ?
                               and not exists (select 1 from poll_verdict p where p.question_id = q.id and p.round = q.round)
                               for update
                            """)
                    .param(pollId)
                    .query(Integer.class)
                    .optional()
                    .orElseThrow(() -> new PollProblem(
                            HttpStatus.CONFLICT,
                            "This round’s verdict is final, so its votes can no longer be voided."));
            long voiding = jdbc.sql("""
                            insert into vote_voiding (question_id, round, client_hash, from_at, until_at, reason,
                                                      voided_by, voided_by_name, voided_at, votes)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                            returning id
                            """)
                    .params(
                            pollId,
                            round,
                            burst.clientHash(),
                            timestampOrNull(burst.from()),
                            timestampOrNull(burst.until()),
                            burst.reason(),
                            editor.accountId(),
                            editor.displayName(),
                            Timestamp.from(now))
                    .query(Long.class)
                    .single();
            // Only counted votes: a vote the counter is moving waits for this lock, then sees it voided.
            long n = jdbc.sql("""
                            with voided as (
                                update vote set voiding_id = ?
                                 where question_id = ? and round = ? and client_hash = ? and voiding_id is null
                                   and (?::timestamptz is null or created_at >= ?::timestamptz)
                                   and (?::timestamptz is null or created_at < ?::timestamptz)
                                returning option_id
                            ), tally as (
                                update vote_option o set votes = o.votes - d.n
                                  from (select option_id, count(*) as n from voided group by option_id) d
                                 where o.id = d.option_id
                            )
                            select count(*) from voided
                            """)
                    .params(
                            voiding,
                            pollId,
                            round,
                            burst.clientHash(),
                            timestampOrNull(burst.from()),
                            timestampOrNull(burst.from()),
                            timestampOrNull(burst.until()),
                            timestampOrNull(burst.until()))
                    .query(Long.class)
                    .single();
            if (n == 0) {
                status.setRollbackOnly();
                return 0L;
            }
            jdbc.sql("update vote_voiding set votes = ? where id = ?")
                    .params(n, voiding)
                    .update();
            audit.record(
                    AuditKind.VOTES_VOIDED,
                    pollId,
                    Standings.votesText(n) + " of client " + abbreviated(burst.clientHash()) + " voided in round "
                            + round + (burst.from() == null ? "" : ", from " + burst.from())
                            + (burst.until() == null ? "" : ", until " + burst.until()) + ": " + burst.reason());
            events.publishEvent(new ContentChanged(ContentChanged.Kind.POLL, pollId));
            return n;
        });
        if (voided == null || voided == 0) {
            throw new PollProblem(
                    HttpStatus.CONFLICT,
                    "No counted vote of this round matches that client and time; nothing was voided.");
        }
        return voided;
    }

    private static Timestamp timestampOrNull(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A client hash as the audit entry names it: its first 12 characters (the form may send fewer). */
    private static String abbreviated(String clientHash) {
        return clientHash.length() <= 12 ? clientHash : clientHash.substring(0, 12) + "…";
    }
}
