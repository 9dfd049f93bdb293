package com.bestever.poll;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The readers' verdict for a genre: every film with a poll in that genre, ranked by the lower
 * bound of the Wilson score interval of its "yes" share. A film's polls in the genre add up;
 * films with fewer than the minimum number of votes are "too early to call".
 */
@Service
class Leaderboard {

    private final JdbcClient jdbc;
    private final PollSettings settings;
    private final Clock clock;

    Leaderboard(JdbcClient jdbc, PollSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** One film's standing with the readers. {@code reviewSlug} is its latest public review (may be null). */
    public record Entry(String filmTitle, String filmSlug, int releaseYear, String reviewSlug, long yes, long votes,
            double lowerBound) {

        /** The "yes" share in whole percent. */
        public int yesPercent() {
            return votes == 0 ? 0 : (int) Math.round(100.0 * yes / votes);
        }

        /** The Wilson lower bound in whole percent (rounded down: "at least"). */
        public int lowerBoundPercent() {
            return (int) Math.floor(lowerBound * 100 + 1e-9);
        }

        public String votesText() {
            return Standings.votesText(votes);
        }
    }

    public record Verdict(List<Entry> ranked, List<Entry> tooEarly, int minimumVotes) {
    }

    @Transactional(readOnly = true)
    public Verdict of(long genreId) {
        var now = Timestamp.from(clock.instant());
        // One row per poll that has opened, and whose review (if it has one) is public.
        List<Row> rows = jdbc.sql("""
                        select f.id as film_id, f.title, f.slug as film_slug, f.release_year,
                               a.slug as review_slug, a.publish_at,
                               coalesce(sum(o.votes) filter (where o.affirmative), 0) as yes,
                               coalesce(sum(o.votes), 0) as votes
                          from vote_question q
                          join film f on f.id = q.film_id
                          left join article a on a.id = q.article_id
                          left join vote_option o on o.question_id = q.id
                         where q.genre_id = ? and q.opens_at <= ?
                           and (q.article_id is null
                                or (a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= ?))
                         group by q.id, f.id, f.title, f.slug, f.release_year, a.slug, a.publish_at
                        """)
                .params(genreId, now, now)
                .query((rs, i) -> new Row(rs.getLong("film_id"), rs.getString("title"), rs.getString("film_slug"),
                        rs.getInt("release_year"), rs.getString("review_slug"), rs.getTimestamp("publish_at"),
                        rs.getLong("yes"), rs.getLong("votes")))
                .list();
        return verdict(rows, settings.minimumVotes());
    }

    static Verdict verdict(List<Row> rows, int minimumVotes) {
        Map<Long, Row> byFilm = new LinkedHashMap<>();
        for (Row row : rows) {
            byFilm.merge(row.filmId(), row, Row::plus);
        }
        List<Entry> ranked = new ArrayList<>();
        List<Entry> tooEarly = new ArrayList<>();
        for (Row film : byFilm.values()) {
            Entry entry = new Entry(film.title(), film.filmSlug(), film.releaseYear(), film.reviewSlug(), film.yes(),
                    film.votes(), WilsonScore.lowerBound(film.yes(), film.votes()));
            (film.votes() >= Math.max(1, minimumVotes) ? ranked : tooEarly).add(entry);
        }
        ranked.sort(Comparator.comparingDouble(Entry::lowerBound).reversed()
                .thenComparing(Comparator.comparingLong(Entry::votes).reversed())
                .thenComparing(Entry::filmTitle));
        tooEarly.sort(Comparator.comparingLong(Entry::votes).reversed().thenComparing(Entry::filmTitle));
        return new Verdict(List.copyOf(ranked), List.copyOf(tooEarly), minimumVotes);
    }

    record Row(long filmId, String title, String filmSlug, int releaseYear, String reviewSlug, Timestamp publishAt,
            long yes, long votes) {

        /** Two polls about the same film: their votes add up; the link goes to the latest review. */
        Row plus(Row other) {
            boolean otherIsLater = other.reviewSlug() != null
                    && (reviewSlug == null || other.publishAt().after(publishAt));
            return new Row(filmId, title, filmSlug, releaseYear, otherIsLater ? other.reviewSlug() : reviewSlug,
                    otherIsLater ? other.publishAt() : publishAt, yes + other.yes(), votes + other.votes());
        }
    }
}
