package com.bestever.poll;

import com.bestever.system.ContentChanged;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A poll's shares over time: a daily snapshot of each option's count (UTC days), and the chart
 * of the leading option's share drawn from them as SVG on the server (no script; presentation
 * attributes only, as the CSP allows no style attribute). A day's snapshot is written by the
 * job just after midnight and, on demand, the first time the chart is read that day: whichever
 * comes first writes it, the other writes nothing. Templates ask it as {@code @shareHistory}.
 */
@Component("shareHistory")
public class ShareHistory {

    /** The chart's drawing area, in SVG user units: the share 0–100% runs from the bottom up. */
    static final int WIDTH = 300;

    static final int HEIGHT = 100;

    /** More polls than this gained a point at once: their pages are dropped as everything. */
    static final int MOST_POLLS_ANNOUNCED = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /**
     * The day each poll's snapshot was last written or found, in this process. Bounded: at 100,000
     * reviews every poll's page is read in a day, and a poll that falls out costs one more insert
     * that writes nothing ({@code on conflict do nothing}), not a wrong chart.
     */
    private final Cache<Long, LocalDate> taken =
            Caffeine.newBuilder().maximumSize(10_000).build();

    ShareHistory(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Writes today's snapshot of every poll open now, or closed within the last day (so its
     * last counts are kept); a poll that has today's already keeps it.
     *
     * @return how many option rows were written
     */
    @Scheduled(cron = "0 5 0 * * *", zone = "UTC")
    public int snapshotToday() {
        int written = snapshot(null);
        // Each chart that gained a point changed with nobody saving: its pages (kept here, on the
        // other instances and at the edge) are dropped now, not when they next expire. Past a few
        // hundred polls, one drop of everything costs less than a drop per poll.
        List<Long> polls = jdbc.sql("select distinct question_id from poll_share_snapshot where day = ?")
                .param(Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .query(Long.class)
                .list();
        if (polls.size() > MOST_POLLS_ANNOUNCED) {
            events.publishEvent(ContentChanged.everything());
        } else {
            polls.forEach(pollId -> events.publishEvent(new ContentChanged(ContentChanged.Kind.POLL, pollId)));
        }
        return written;
    }

    /**
     * Today's snapshot of one poll (see {@link #snapshotToday}). Remembered per poll, so the
     * poll's page, read after every vote, asks the database once a day, not at every read.
     */
    int snapshotToday(long pollId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (today.equals(taken.getIfPresent(pollId))) {
            return 0;
        }
        int written = snapshot(pollId);
        taken.put(pollId, today);
        return written;
    }

    private int snapshot(Long pollId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return jdbc.sql("""
                        insert into poll_share_snapshot (question_id, round, day, option_id, votes, total)
                        select q.id, q.round, ?, o.id, o.votes, sum(o.votes) over (partition by q.id)
                          from vote_question q
                          join vote_option o on o.question_id = q.id
                         where q.opens_at <= ?
                           and (q.closes_at is null or q.closes_at > ?)
                           and (?::bigint is null or q.id = ?::bigint)
                        on conflict do nothing
                        """)
                .params(
                        Date.valueOf(today),
                        Timestamp.from(now),
                        Timestamp.from(now.minus(Duration.ofDays(1))),
                        pollId,
                        pollId)
                .update();
    }

    /** One day's share of the leading option, as a point of the chart. */
    public record Point(LocalDate day, long votes, long total, double x, double y) {

        public int percent() {
            return total == 0 ? 0 : (int) Math.round(100.0 * votes / total);
        }

        /** The day's start (UTC), for the site's date formats. */
        public Instant dayStart() {
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        public String xText() {
            return Chart.number(x);
        }

        public String yText() {
            return Chart.number(y);
        }
    }

    /**
     * The leading option's share per day in the poll's current round: the option with the most
     * votes on the latest day (ties: the first), its share each day there were votes, placed on
     * the chart by date (x: first day at 0, last at {@link #WIDTH}; y: 0% at {@link #HEIGHT}).
     */
    public record Chart(String label, List<Point> points) {

        public boolean isEmpty() {
            return points.isEmpty();
        }

        /** The polyline's points: "0,50 150,40 300,38". */
        public String polyline() {
            StringBuilder out = new StringBuilder();
            for (Point point : points) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(number(point.x())).append(',').append(number(point.y()));
            }
            return out.toString();
        }

        public Point first() {
            return points.get(0);
        }

        public Point last() {
            return points.get(points.size() - 1);
        }

        private static String number(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
    }

    /** The chart of the poll's current round, from its snapshots (today's written first if missing). */
    public Chart chart(long pollId) {
        snapshotToday(pollId);
        record Row(LocalDate day, long optionId, String label, long votes, long total) {}
        List<Row> rows = jdbc.sql("""
                        select s.day, s.option_id, o.label, s.votes, s.total
                          from poll_share_snapshot s
                          join vote_question q on q.id = s.question_id and q.round = s.round
                          join vote_option o on o.id = s.option_id
                         where s.question_id = ?
                         order by s.day, o.position, o.id
                        """)
                .param(pollId)
                .query((rs, i) -> new Row(
                        rs.getDate("day").toLocalDate(),
                        rs.getLong("option_id"),
                        rs.getString("label"),
                        rs.getLong("votes"),
                        rs.getLong("total")))
                .list();
        if (rows.isEmpty()) {
            return new Chart(null, List.of());
        }
        LocalDate lastDay = rows.get(rows.size() - 1).day();
        Row leader = null;
        for (Row row : rows) {
            if (row.day().equals(lastDay) && (leader == null || row.votes() > leader.votes())) {
                leader = row;
            }
        }
        long leaderId = leader.optionId();
        List<Row> days = rows.stream()
                .filter(row -> row.optionId() == leaderId && row.total() > 0)
                .toList();
        if (days.isEmpty()) {
            return new Chart(leader.label(), List.of());
        }
        LocalDate firstDay = days.get(0).day();
        long span = ChronoUnit.DAYS.between(firstDay, days.get(days.size() - 1).day());
        List<Point> points = new ArrayList<>(days.size());
        for (Row row : days) {
            double x = span == 0 ? WIDTH / 2.0 : WIDTH * (double) ChronoUnit.DAYS.between(firstDay, row.day()) / span;
            double y = HEIGHT - HEIGHT * (double) row.votes() / row.total();
            points.add(new Point(row.day(), row.votes(), row.total(), x, y));
        }
        return new Chart(leader.label(), List.copyOf(points));
    }
}
