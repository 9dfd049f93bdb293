package com.bestever.article;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The data half of V60__stored_body_html.sql: renders, in the background after startup, every
 * review body whose stored HTML is missing or was made by an older renderer than
 * {@link Markdown#VERSION}, 200 at a time. Until a row is done its page renders the body on the
 * fly, so readers never see a difference. A row edited meanwhile is skipped (its save rendered it).
 */
@Component
class BodyHtmlBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BodyHtmlBackfill.class);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final Markdown markdown;

    BodyHtmlBackfill(JdbcClient jdbc, Markdown markdown) {
        this.jdbc = jdbc;
        this.markdown = markdown;
    }

    @Override
    public void run(ApplicationArguments args) {
        Thread thread = new Thread(this::backfill, "body-html-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    /** Renders every stale body; returns how many rows it stored. */
    int backfill() {
        int done = 0;
        long after = 0;
        try {
            while (true) {
                List<Row> rows = jdbc.sql("""
                                select id, body from article
                                 where body_html_version <> ? and id > ?
                                 order by id limit ?
                                """)
                        .params(Markdown.VERSION, after, BATCH)
                        .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2)))
                        .list();
                if (rows.isEmpty()) {
                    break;
                }
                for (Row row : rows) {
                    done += jdbc.sql("""
                                    update article set body_html = ?, body_html_version = ?
                                     where id = ? and body = ? and body_html_version <> ?
                                    """)
                            .params(
                                    markdown.toSafeHtml(row.body()),
                                    Markdown.VERSION,
                                    row.id(),
                                    row.body(),
                                    Markdown.VERSION)
                            .update();
                    after = row.id();
                }
            }
        } catch (RuntimeException ex) {
            log.warn("Rendering stored review bodies stopped after {} rows; pages render them on the fly", done, ex);
        }
        if (done > 0) {
            log.info("Rendered and stored the HTML of {} review bodies (renderer version {})", done, Markdown.VERSION);
        }
        return done;
    }

    private record Row(long id, String body) {}
}
