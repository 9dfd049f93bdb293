package com.bestever.search;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL full-text search over public reviews, in native SQL: the weighted vector of each
 * review's document, published by the article feature as the {@code public_review_document} view
 * (V35__search.sql builds the vector, V142__review_document.sql keeps it in a narrow, GIN-indexed
 * table), matched by {@code websearch_to_tsquery}, which accepts any text a reader types without a
 * syntax error, and ranked by {@code ts_rank_cd}; the page's hits are read from {@code public_review}.
 * <p>
 * Every search is one statement whose cost is bounded whatever the reader typed: only the
 * {@value #RANKED} newest matches are ranked (and counted, one more to tell "more than"), only the
 * page's hits pay for {@code ts_headline}, on at most {@value #SNIPPET_CHARS} characters each, and a
 * query with no word to look for (only words to leave out: {@code -film}) is not run, since no
 * index could serve it and it would read every review ({@link #searchable}). A word in many reviews walks the newest
 * documents until it has {@value #RANKED} + 1 (the vector is kept in the row, so testing one costs
 * microseconds); a rarer one is looked up in the GIN index. PostgreSQL's planner picks which from
 * its statistics, so each search is planned for its own words.
 */
@Repository
class SearchRepository {

    /** Marks the highlighted words in the headlines; no review text contains them. */
    static final char START = '\uE000';

    static final char STOP = '\uE001';

    /** How many of the newest matches are ranked; past that a search is "broad". */
    static final int RANKED = 100;

    /** How much of a hit's pull quote and body {@code ts_headline} reads for its snippet. */
    static final int SNIPPET_CHARS = 800;

    /** No search statement may run longer: a query that would is answered as too broad. */
    static final int STATEMENT_TIMEOUT_MS = 200;

    private static final String QUERY = "websearch_to_tsquery('bestever_english', :q)";

    // The newest RANKED + 1 matches (one more than are ranked, to know there are more), then the
    // first RANKED of them ranked (their vectors read again by key: a match found in the GIN index
    // pays for ranking only if it is among them), then the page; only the page's rows are joined
    // and pay for ts_headline.
    private static final String PAGE = """
            with candidates as (
                select d.id, d.public_from
                  from public_review_document d
                 where d.search_vector @@ %1$s
                   and d.public_from <= :now
                 order by d.public_from desc, d.id desc
                 limit %2$d
            ),
            hits as (
                select c.id, c.public_from, ts_rank_cd(d.search_vector, %1$s) as rank
                  from (select * from candidates order by public_from desc, id desc limit %3$d) c
                  join public_review_document d on d.id = c.id
                 order by rank desc, c.public_from desc, c.id desc
                 limit :limit offset :offset
            )
            select (select count(*) from candidates) as total,
                   a.slug, a.title, a.publish_at, g.name as genre_name, g.slug as genre_slug,
                   au.name as author_name, au.slug as author_slug, f.title as film_title,
                   ts_headline('bestever_english', translate(a.title, :markers, ''), %1$s, :titleOptions) as title_headline,
                   ts_headline('bestever_english', translate(left(a.pull_quote || E'\\n' || a.body, %4$d), :markers, ''),
                               %1$s, :snippetOptions) as snippet
              from hits
              join public_review a on a.id = hits.id
              join genre g on g.id = a.genre_id
              join author au on au.id = a.author_id
              join film f on f.id = a.film_id
             order by hits.rank desc, hits.public_from desc, hits.id desc
            """.formatted(QUERY, RANKED + 1, RANKED, SNIPPET_CHARS);

    private static final String OPTIONS = "StartSel=" + START + ", StopSel=" + STOP;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    SearchRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setReadOnly(true);
    }

    /**
     * Runs one reader's search with every statement limited to {@value #STATEMENT_TIMEOUT_MS} ms;
     * a statement that would run longer ends in {@link org.springframework.dao.QueryTimeoutException}.
     * Each statement is planned for its own words, never from a generic plan cached on the
     * connection: how a word is best found depends on how many reviews hold it.
     */
    <T> T bounded(Supplier<T> search) {
        return transaction.execute(status -> {
            jdbc.sql("select set_config('statement_timeout', :timeout, true),"
                            + " set_config('plan_cache_mode', 'force_custom_plan', true)")
                    .param("timeout", String.valueOf(STATEMENT_TIMEOUT_MS))
                    .query()
                    .singleRow();
            return search.get();
        });
    }

    /**
     * One page of the best of the {@value #RANKED} newest matches, with how many reviews match,
     * counted no further than {@value #RANKED} + 1.
     */
    Found find(String query, Instant now, int offset, int limit) {
        long[] total = {0};
        List<SearchHit> hits = jdbc.sql(PAGE)
                .param("q", query)
                .param("now", utc(now))
                .param("offset", offset)
                .param("limit", limit)
                .param("markers", String.valueOf(START) + STOP)
                .param("titleOptions", OPTIONS + ", HighlightAll=true")
                .param(
                        "snippetOptions",
                        OPTIONS + ", MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"")
                .query((rs, row) -> {
                    total[0] = rs.getLong("total");
                    return new SearchHit(
                            rs.getString("slug"),
                            rs.getString("title"),
                            rs.getObject("publish_at", OffsetDateTime.class).toInstant(),
                            rs.getString("genre_name"),
                            rs.getString("genre_slug"),
                            rs.getString("author_name"),
                            rs.getString("author_slug"),
                            rs.getString("film_title"),
                            Highlight.of(rs.getString("title_headline")),
                            Highlight.of(rs.getString("snippet")));
                })
                .list();
        return new Found(hits, total[0]);
    }

    /**
     * Whether a query has a word to look for: one made only of negations ({@code -film},
     * {@code a or -b}) has none ({@code querytree} is {@code T}), so no index could serve it.
     */
    boolean searchable(String query) {
        return jdbc.sql("select querytree(" + QUERY + ") <> 'T'")
                .param("q", query)
                .query(Boolean.class)
                .single();
    }

    /** A page of hits and how many reviews match, up to {@value #RANKED} + 1. */
    record Found(List<SearchHit> hits, long total) {}

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
