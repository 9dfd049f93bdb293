package com.bestever.seo;

import com.bestever.system.KeptState;
import com.bestever.system.UntilContentChanges;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each sitemap page starts, and how many URLs there are, without counting them in the
 * database per request: every review that is or will be public (its id, film, critic, genre, the
 * moment it is public and when it last changed) kept in memory as arrays, about 4 MB for 100,000
 * reviews, and the genres that have a poll (their leaderboards).
 *
 * <p>Loaded on first use with one narrow statement, dropped on every content change (and again
 * after its commit), reloaded on the next read. From it, a {@link Plan} for a moment: the URLs'
 * keys in sitemap order ({@code kind, id}), how many there are, the key each page starts at, and
 * the latest change of each film, critic and genre page. A plan holds until the next moment a
 * review goes public, so the index costs nothing between changes.
 */
@Component
class SitemapKeys {

    /** The URLs of the sitemap, in this order: home and {@code /genres}, reviews, films, critics, genres, leaderboards. */
    static final int HOME = 0, REVIEW = 1, FILM = 2, AUTHOR = 3, GENRE = 4, LEADERBOARD = 5;

    /** A URL's place in the sitemap: its kind, then its thing's id ({@code /} is 0, {@code /genres} 1). */
    record Key(int kind, long id) implements Comparable<Key> {

        static final Key START = new Key(HOME, Long.MIN_VALUE);
        static final Key END = new Key(Integer.MAX_VALUE, Long.MAX_VALUE);

        @Override
        public int compareTo(Key other) {
            return kind != other.kind ? Integer.compare(kind, other.kind) : Long.compare(id, other.id);
        }
    }

    /**
     * Every review that is or will be public, by id; its film, critic and genre as positions in
     * the sorted id arrays beside it; moments as microseconds since the epoch.
     */
    private record Reviews(
            long[] ids,
            long[] publicFrom,
            long[] changed,
            boolean[] noindex,
            int[] film,
            int[] author,
            int[] genre,
            long[] films,
            long[] authors,
            long[] genres,
            long[] leaderboards) {}

    /**
     * The sitemap at a moment, good from {@code from} until just before {@code until} (when the
     * next review goes public): {@code total} URLs, {@code starts} the first key of pages 2, 3, …,
     * and the latest public review's change for home, each film, critic and genre ({@code NONE}
     * for one without a public review).
     */
    record Plan(
            int perPage,
            long from,
            long until,
            long total,
            List<Key> starts,
            long home,
            long[] films,
            long[] filmChanged,
            long[] authors,
            long[] authorChanged,
            long[] genres,
            long[] genreChanged) {

        /** How many sitemap files. */
        int pages() {
            return (int) Math.max(1, (total + perPage - 1) / perPage);
        }

        /** The key page {@code page} (1-based) starts at; past the last page, {@link Key#END}. */
        Key start(int page) {
            return page == 1 ? Key.START : page - 2 < starts.size() ? starts.get(page - 2) : Key.END;
        }

        /** When the home page and {@code /genres} last changed, or null with no public review. */
        Instant homeChanged() {
            return instant(home);
        }

        /** The latest change of a film's public reviews, or null if it has none. */
        Instant filmChanged(long id) {
            return changed(films, filmChanged, id);
        }

        Instant authorChanged(long id) {
            return changed(authors, authorChanged, id);
        }

        Instant genreChanged(long id) {
            return changed(genres, genreChanged, id);
        }

        private boolean holdsAt(long now, int perPage) {
            return now >= from && now < until && perPage == this.perPage;
        }

        private static Instant changed(long[] ids, long[] changed, long id) {
            int at = Arrays.binarySearch(ids, id);
            return at < 0 ? null : instant(changed[at]);
        }
    }

    private static final String LOAD = """
            select id, film_id, author_id, genre_id, noindex, public_from, greatest(updated_at, publish_at) as changed
              from public_review
             order by id
            """;

    private static final String LEADERBOARDS = """
            select g.id from genre g
             where exists (select 1 from vote_question q where q.genre_id = g.id)
             order by g.id
            """;

    private static final long NONE = Long.MIN_VALUE;

    private final JdbcTemplate jdbc;
    // Any change: a review's moment or noindex, a new poll's leaderboard, a deletion.
    private final UntilContentChanges<Reviews> reviews;
    /** The last plan, and how many changes {@link #reviews} had seen when it was made: it holds while that stands. */
    private volatile Planned plan;

    private record Planned(Plan plan, long changes) {}

    SitemapKeys(JdbcTemplate jdbc, KeptState kept) {
        this.jdbc = jdbc;
        this.reviews = kept.untilChanged(event -> true, this::load);
    }

    /** The sitemap at {@code now}, with {@code perPage} URLs a file. */
    Plan plan(Instant now, int perPage) {
        long at = micros(now);
        Planned current = plan;
        long before = reviews.changes();
        if (current != null && current.changes() == before && current.plan().holdsAt(at, perPage)) {
            return current.plan();
        }
        Plan planned = plan(reviews.get(), at, perPage);
        if (reviews.changes() == before) {
            plan = new Planned(planned, before);
        }
        return planned;
    }

    private static Plan plan(Reviews reviews, long now, int perPage) {
        int n = reviews.ids().length;
        long until = Long.MAX_VALUE;
        long home = NONE;
        long[] films = filled(reviews.films().length);
        long[] authors = filled(reviews.authors().length);
        long[] genres = filled(reviews.genres().length);
        for (int i = 0; i < n; i++) {
            long publicFrom = reviews.publicFrom()[i];
            if (publicFrom > now) {
                until = Math.min(until, publicFrom);
                continue;
            }
            long changed = reviews.changed()[i];
            home = Math.max(home, changed);
            films[reviews.film()[i]] = Math.max(films[reviews.film()[i]], changed);
            authors[reviews.author()[i]] = Math.max(authors[reviews.author()[i]], changed);
            genres[reviews.genre()[i]] = Math.max(genres[reviews.genre()[i]], changed);
        }
        // Walk the keys in sitemap order, noting where each page after the first starts.
        Starts starts = new Starts(perPage);
        if (home != NONE) {
            starts.next(HOME, 0);
            starts.next(HOME, 1);
        }
        for (int i = 0; i < n; i++) {
            if (reviews.publicFrom()[i] <= now && !reviews.noindex()[i]) {
                starts.next(REVIEW, reviews.ids()[i]);
            }
        }
        starts.all(FILM, reviews.films(), films);
        starts.all(AUTHOR, reviews.authors(), authors);
        starts.all(GENRE, reviews.genres(), genres);
        for (long genre : reviews.leaderboards()) {
            starts.next(LEADERBOARD, genre);
        }
        long[] filmIds = reviews.films();
        return new Plan(
                perPage,
                now,
                until,
                starts.count,
                List.copyOf(starts.starts),
                home,
                filmIds,
                films,
                reviews.authors(),
                authors,
                reviews.genres(),
                genres);
    }

    /** Counts the keys walked in order, keeping every {@code perPage}-th after the first. */
    private static final class Starts {

        private final int perPage;
        private final List<Key> starts = new ArrayList<>();
        private long count;

        Starts(int perPage) {
            this.perPage = perPage;
        }

        void next(int kind, long id) {
            if (count > 0 && count % perPage == 0) {
                starts.add(new Key(kind, id));
            }
            count++;
        }

        /** The things of a kind that have a public review now (a latest change). */
        void all(int kind, long[] ids, long[] changed) {
            for (int i = 0; i < ids.length; i++) {
                if (changed[i] != NONE) {
                    next(kind, ids[i]);
                }
            }
        }
    }

    private Reviews load() {
        List<long[]> rows = new ArrayList<>();
        List<Boolean> noindex = new ArrayList<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(LOAD);
                    statement.setFetchSize(1000);
                    return statement;
                },
                row -> {
                    rows.add(new long[] {
                        row.getLong("id"),
                        row.getLong("film_id"),
                        row.getLong("author_id"),
                        row.getLong("genre_id"),
                        micros(row.getTimestamp("public_from")),
                        micros(row.getTimestamp("changed"))
                    });
                    noindex.add(row.getBoolean("noindex"));
                });
        long[] leaderboards = jdbc.queryForList(LEADERBOARDS, Long.class).stream()
                .mapToLong(Long::longValue)
                .toArray();
        int n = rows.size();
        long[] films = distinctSorted(rows, 1);
        long[] authors = distinctSorted(rows, 2);
        long[] genres = distinctSorted(rows, 3);
        Reviews loaded = new Reviews(
                new long[n],
                new long[n],
                new long[n],
                new boolean[n],
                new int[n],
                new int[n],
                new int[n],
                films,
                authors,
                genres,
                leaderboards);
        for (int i = 0; i < n; i++) {
            long[] row = rows.get(i);
            loaded.ids()[i] = row[0];
            loaded.film()[i] = Arrays.binarySearch(films, row[1]);
            loaded.author()[i] = Arrays.binarySearch(authors, row[2]);
            loaded.genre()[i] = Arrays.binarySearch(genres, row[3]);
            loaded.publicFrom()[i] = row[4];
            loaded.changed()[i] = row[5];
            loaded.noindex()[i] = noindex.get(i);
        }
        return loaded;
    }

    private static long[] distinctSorted(List<long[]> rows, int column) {
        return rows.stream().mapToLong(row -> row[column]).sorted().distinct().toArray();
    }

    private static long[] filled(int length) {
        long[] array = new long[length];
        Arrays.fill(array, NONE);
        return array;
    }

    private static long micros(Timestamp timestamp) {
        return micros(timestamp.toInstant());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return micros == NONE
                ? null
                : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    }
}
