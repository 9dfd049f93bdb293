package com.bestever.poll;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The readers' verdict for a genre: every film with a poll in that genre, ranked by the lower
 * bound of the Wilson score interval of its "yes" share. A film's polls in the genre add up;
 * films with fewer than the minimum number of votes are "too early to call". An entry is final
 * when every poll behind it has its verdict frozen, else live.
 */
@Service
class Leaderboard {

    private final JdbcClient jdbc;
    private final PollReviews reviews;
    private final PollSettings settings;
    private final Clock clock;

    Leaderboard(JdbcClient jdbc, PollReviews reviews, PollSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * One film's standing with the readers. {@code reviewSlug} is its latest public review (may
     * be null); {@code rank} is shared with the film above when their intervals overlap
     * ({@code tiedWithAbove}: too close to call); {@code moreNeeded} is how many more votes a
     * film below the minimum needs to be ranked.
     */
    public record Entry(
            String filmTitle,
            String filmSlug,
            int releaseYear,
            String reviewSlug,
            long yes,
            long votes,
            WilsonScore.Interval interval,
            int rank,
            boolean tiedWithAbove,
            long moreNeeded,
            boolean isFinal,
            long excluded) {

        /** "3 votes excluded by the editors" (see {@link VoidedVotes}). */
        public String excludedText() {
            return VoidedVotes.excludedText(excluded);
        }

        public double lowerBound() {
            return interval.lower();
        }

        /** The "yes" share in whole percent. */
        public int yesPercent() {
            return votes == 0 ? 0 : (int) Math.round(100.0 * yes / votes);
        }

        /** The Wilson lower bound in whole percent (rounded down: "at least"). */
        public int lowerBoundPercent() {
            return interval.lowerPercent();
        }

        /** The Wilson upper bound in whole percent (rounded up: "at most"). */
        public int upperBoundPercent() {
            return interval.upperPercent();
        }

        public String votesText() {
            return Standings.votesText(votes);
        }

        /** "n = 1,000". */
        public String nText() {
            return String.format(java.util.Locale.ENGLISH, "n = %,d", votes);
        }

        /** "needs 3 more votes". */
        public String moreNeededText() {
            return "needs " + moreNeeded + (moreNeeded == 1 ? " more vote" : " more votes");
        }

        Entry ranked(int rank, boolean tiedWithAbove) {
            return new Entry(
                    filmTitle,
                    filmSlug,
                    releaseYear,
                    reviewSlug,
                    yes,
                    votes,
                    interval,
                    rank,
                    tiedWithAbove,
                    0,
                    isFinal,
                    excluded);
        }
    }

    /** The ranked films (best first) and those below the minimum; {@link #leader} is the first, if any. */
    public record Verdict(List<Entry> ranked, List<Entry> tooEarly, int minimumVotes) {

        public Entry leader() {
            return ranked.isEmpty() ? null : ranked.get(0);
        }

        /** Whether the first two are too close to call. */
        public boolean leadTooCloseToCall() {
            return ranked.size() > 1 && ranked.get(1).tiedWithAbove();
        }
    }

    /** In two statements: the polls that have opened, then which of their reviews are public. */
    @Transactional(readOnly = true)
    public Verdict of(long genreId) {
        Instant now = clock.instant();
        List<PollRow> polls = jdbc.sql("""
                        select q.article_id, f.id as film_id, f.title, f.slug as film_slug, f.release_year,
                               coalesce(sum(o.votes) filter (where o.affirmative), 0) as yes,
                               coalesce(sum(o.votes), 0) as votes,
                               exists (select 1 from poll_verdict v
                                        where v.question_id = q.id and v.round = q.round) as final,
                               (select count(*) from vote v
                                 where v.question_id = q.id and v.round = q.round and v.voiding_id is not null) as excluded
                          from vote_question q
                          join film f on f.id = q.film_id
                          left join vote_option o on o.question_id = q.id
                         where q.genre_id = ? and q.opens_at <= ?
                           -- a poll that keeps its standings until readers vote or it closes is not counted here until it closes
                           and (q.results_shown = 'ALWAYS' or q.closes_at <= ?)
                         group by q.id, f.id, f.title, f.slug, f.release_year
                        """)
                .params(genreId, Timestamp.from(now), Timestamp.from(now))
                .query((rs, i) -> new PollRow(
                        rs.getObject("article_id", Long.class),
                        rs.getLong("film_id"),
                        rs.getString("title"),
                        rs.getString("film_slug"),
                        rs.getInt("release_year"),
                        rs.getLong("yes"),
                        rs.getLong("votes"),
                        rs.getBoolean("final"),
                        rs.getLong("excluded")))
                .list();
        Map<Long, PollReviews.Review> publicReviews = reviews.publicAt(
                polls.stream().map(PollRow::articleId).filter(Objects::nonNull).collect(Collectors.toSet()), now);
        // One row per poll whose review is public (a poll whose review was deleted is withdrawn).
        List<Row> rows = new ArrayList<>(polls.size());
        for (PollRow poll : polls) {
            PollReviews.Review review = poll.articleId() == null ? null : publicReviews.get(poll.articleId());
            if (review != null) {
                rows.add(new Row(
                        poll.filmId(),
                        poll.title(),
                        poll.filmSlug(),
                        poll.releaseYear(),
                        review == null ? null : review.slug(),
                        review == null ? null : Timestamp.from(review.publicFrom()),
                        poll.yes(),
                        poll.votes(),
                        poll.isFinal(),
                        poll.excluded()));
            }
        }
        return verdict(rows, settings.minimumVotes());
    }

    /** One poll that has opened, with its summed counts; its review is looked up apart. */
    private record PollRow(
            Long articleId,
            long filmId,
            String title,
            String filmSlug,
            int releaseYear,
            long yes,
            long votes,
            boolean isFinal,
            long excluded) {}

    static Verdict verdict(List<Row> rows, int minimumVotes) {
        Map<Long, Row> byFilm = new LinkedHashMap<>();
        for (Row row : rows) {
            byFilm.merge(row.filmId(), row, Row::plus);
        }
        long minimum = Math.max(1, minimumVotes);
        List<Entry> ranked = new ArrayList<>();
        List<Entry> tooEarly = new ArrayList<>();
        for (Row film : byFilm.values()) {
            Entry entry = new Entry(
                    film.title(),
                    film.filmSlug(),
                    film.releaseYear(),
                    film.reviewSlug(),
                    film.yes(),
                    film.votes(),
                    WilsonScore.interval(film.yes(), film.votes()),
                    0,
                    false,
                    Math.max(0, minimum - film.votes()),
                    film.isFinal(),
                    film.excluded());
            (film.votes() >= minimum ? ranked : tooEarly).add(entry);
        }
        ranked.sort(Comparator.comparingDouble(Entry::lowerBound)
                .reversed()
                .thenComparing(Comparator.comparingLong(Entry::votes).reversed())
                .thenComparing(Entry::filmTitle));
        // A film whose interval overlaps the one above it cannot be told from it: it shares its rank.
        for (int i = 0; i < ranked.size(); i++) {
            Entry above = i == 0 ? null : ranked.get(i - 1);
            boolean tied = above != null && ranked.get(i).interval().overlaps(above.interval());
            ranked.set(i, ranked.get(i).ranked(tied ? above.rank() : i + 1, tied));
        }
        tooEarly.sort(Comparator.comparingLong(Entry::votes).reversed().thenComparing(Entry::filmTitle));
        return new Verdict(List.copyOf(ranked), List.copyOf(tooEarly), minimumVotes);
    }

    record Row(
            long filmId,
            String title,
            String filmSlug,
            int releaseYear,
            String reviewSlug,
            Timestamp publishAt,
            long yes,
            long votes,
            boolean isFinal,
            long excluded) {

        /** Two polls about the same film: their votes add up; the link goes to the latest review. */
        Row plus(Row other) {
            boolean otherIsLater = other.reviewSlug() != null
                    && (reviewSlug == null || other.publishAt().after(publishAt));
            return new Row(
                    filmId,
                    title,
                    filmSlug,
                    releaseYear,
                    otherIsLater ? other.reviewSlug() : reviewSlug,
                    otherIsLater ? other.publishAt() : publishAt,
                    yes + other.yes(),
                    votes + other.votes(),
                    isFinal && other.isFinal(),
                    excluded + other.excluded());
        }
    }
}
