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
 * PostgreSQL full-text search over public reviews, in native SQL: the weighted
 * {@code search_vector} of the article feature's {@code public_review} view (V35__search.sql, GIN-indexed) matched by
 * {@code websearch_to_tsquery}, which accepts any text a reader types without a syntax error,
 * ranked by {@code ts_rank_cd}.
 * <p>
 * Ranking reads every matching vector, so a word found in nearly every review would cost
 * seconds at 100,000 reviews. Only the {@value #RANKED} newest matches are ranked and counted:
 * exact for any specific query, bounded for a broad one.
 */
@Repository
class SearchRepository {

    /** Marks the highlighted words in the headlines; no review text contains them. */
    static final char START = '\uE000';

    static final char STOP = '\uE001';

    static final int RANKED = 1000;

    /** No search statement may run longer: a query that would is answered as too broad. */
    static final int STATEMENT_TIMEOUT_MS = 200;

    private static final String MATCHES = """
            from public_review a
            where a.search_vector @@ websearch_to_tsquery('bestever_english', :q)
              and a.public_from <= :now
            order by a.public_from desc, a.id desc
            """;

    // The page of hits is chosen first; only its rows pay for ts_headline, and only for the first
    // 1,500 characters of the pull quote and body (ts_headline reads every character it is given).
    private static final String PAGE = """
            with candidates as (
                select a.id, a.search_vector, a.public_from as publish_at
                """ + MATCHES + """
                limit\s""" + RANKED + """
            ),
            hits as (
                select c.id, ts_rank_cd(c.search_vector, websearch_to_tsquery('bestever_english', :q)) as rank, c.publish_at
                  from candidates c
                 order by rank desc, c.publish_at desc, c.id desc
                 limit :limit offset :offset
            )
            select a.slug, a.title, a.publish_at, g.name as genre_name, g.slug as genre_slug,
                   au.name as author_name, au.slug as author_slug, f.title as film_title,
                   ts_headline('bestever_english', translate(a.title, :markers, ''),
                               websearch_to_tsquery('bestever_english', :q), :titleOptions) as title_headline,
                   ts_headline('bestever_english', translate(left(a.pull_quote || E'\\n' || a.body, 1500), :markers, ''),
                               websearch_to_tsquery('bestever_english', :q), :snippetOptions) as snippet
              from hits
              join public_review a on a.id = hits.id
              join genre g on g.id = a.genre_id
              join author au on au.id = a.author_id
              join film f on f.id = a.film_id
             order by hits.rank desc, hits.publish_at desc, hits.id desc
            """;

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
     */
    <T> T bounded(Supplier<T> search) {
        return transaction.execute(status -> {
            jdbc.sql("set local statement_timeout = " + STATEMENT_TIMEOUT_MS).update();
            return search.get();
        });
    }

    /** How many reviews match, counting no further than {@value #RANKED} + 1. */
    long count(String query, Instant now) {
        return jdbc.sql("select count(*) from (select 1 " + MATCHES + " limit " + (RANKED + 1) + ") matches")
                .param("q", query)
                .param("now", utc(now))
                .query(Long.class)
                .single();
    }

    List<SearchHit> find(String query, Instant now, int offset, int limit) {
        return jdbc.sql(PAGE)
                .param("q", query)
                .param("now", utc(now))
                .param("offset", offset)
                .param("limit", limit)
                .param("markers", String.valueOf(START) + STOP)
                .param("titleOptions", OPTIONS + ", HighlightAll=true")
                .param(
                        "snippetOptions",
                        OPTIONS + ", MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"")
                .query((rs, row) -> new SearchHit(
                        rs.getString("slug"),
                        rs.getString("title"),
                        rs.getObject("publish_at", OffsetDateTime.class).toInstant(),
                        rs.getString("genre_name"),
                        rs.getString("genre_slug"),
                        rs.getString("author_name"),
                        rs.getString("author_slug"),
                        rs.getString("film_title"),
                        Highlight.of(rs.getString("title_headline")),
                        Highlight.of(rs.getString("snippet"))))
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
