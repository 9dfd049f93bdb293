package com.bestever;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bestever.article.Article;
import com.bestever.poll.VoteQuestion;
import com.bestever.support.LiveServer;
import com.bestever.support.SitemapPages;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A backup is only as good as its restore: {@code scripts/backup.sh} dumps a site with content
 * and votes, {@code scripts/restore.sh} restores the dump into a new database, a second site is
 * started on it, and every public page the first site's sitemap lists (plus the feed) must be
 * the same bytes on both, and every count the same. Skipped, saying why, on a machine without
 * PostgreSQL's client tools (Debian: postgresql-client; {@code .ci/run} installs them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackupRestoreTests {

    @Autowired
    TestData data;

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aRestoredBackupServesTheSamePagesAndCounts(@TempDir Path folder) throws Exception {
        for (String tool : List.of("pg_dump", "pg_restore", "createdb", "psql")) {
            assumeTrue(onPath(tool), tool + " is not installed (Debian: postgresql-client): backup test skipped");
        }
        LiveServer site = new LiveServer(context);
        Article review = data.publishedReview();
        VoteQuestion poll = data.pollFor(review);
        long yes = poll.getOptions().get(0).getId();
        long no = poll.getOptions().get(1).getId();
        for (int reader = 0; reader < 5; reader++) {
            vote(site, poll, reader < 3 ? yes : no);
        }
        // Pages kept before the votes would still show the old standings for up to a minute.
        events.publishEvent(ContentChanged.everything());

        Map<String, String> connection = connectionOf((HikariDataSource) dataSource);
        Path dump = folder.resolve("site.dump");
        String restored = "restored_" + System.nanoTime();
        assertThat(script(connection, "scripts/backup.sh", dump.toString())).contains("backup: " + dump);
        assertThat(script(connection, "scripts/restore.sh", dump.toString(), restored))
                .contains("restored " + dump + " into " + restored);

        String restoredUrl = jdbcUrl(connection, restored);
        try (ConfigurableApplicationContext copy = new SpringApplicationBuilder(BestEverApplication.class)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + restoredUrl,
                        "spring.datasource.username=" + connection.get("PGUSER"),
                        "spring.datasource.password=" + connection.get("PGPASSWORD"),
                        "bestever.sample-content=false",
                        "spring.jmx.enabled=false")
                .run()) {
            LiveServer restoredSite = new LiveServer((WebServerApplicationContext) copy);
            List<String> pages = SitemapPages.of(site);
            assertThat(pages).contains("/reviews/" + review.getSlug(), "/reviews/the-400-blows");
            for (String page : pages) {
                HttpResponse<String> original = site.get(page);
                HttpResponse<String> copied = restoredSite.get(page);
                assertThat(original.statusCode()).as(page).isEqualTo(200);
                assertThat(copied.statusCode()).as(page).isEqualTo(200);
                assertThat(SitemapPages.withoutCountingTime(copied.body()))
                        .as(page)
                        .isEqualTo(SitemapPages.withoutCountingTime(original.body()));
            }
            JdbcClient copied = JdbcClient.create(copy.getBean(DataSource.class));
            for (String table :
                    List.of("article", "article_revision", "film", "author", "genre", "vote", "image_file")) {
                assertThat(count(copied, table)).as(table).isEqualTo(count(jdbc, table));
            }
            String counts = "select string_agg(id || ':' || votes, ',' order by id) from vote_option";
            assertThat(copied.sql(counts).query(String.class).single())
                    .isEqualTo(jdbc.sql(counts).query(String.class).single());
            assertThat(copied.sql("select votes from vote_option where id = ?")
                            .param(yes)
                            .query(Long.class)
                            .single())
                    .isEqualTo(3);
        }
    }

    /** A new reader's vote, as a browser sends it: the first answer sets the voter cookie, the second counts. */
    private static void vote(LiveServer site, VoteQuestion poll, long option) throws Exception {
        HttpRequest.Builder first = form(site, poll, option);
        HttpResponse<String> answer = site.send(first);
        assertThat(answer.statusCode()).isEqualTo(307);
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        HttpResponse<String> counted =
                site.send(form(site, poll, option).header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertThat(counted.statusCode()).isEqualTo(303);
    }

    private static HttpRequest.Builder form(LiveServer site, VoteQuestion poll, long option) {
        return HttpRequest.newBuilder(site.uri("/polls/" + poll.getId() + "/votes"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("choice=" + option));
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** libpq's settings for the database this site runs on. */
    private static Map<String, String> connectionOf(HikariDataSource dataSource) {
        URI uri = URI.create(dataSource.getJdbcUrl().substring("jdbc:".length()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", uri.getHost());
        env.put("PGPORT", String.valueOf(uri.getPort()));
        env.put("PGDATABASE", uri.getPath().substring(1));
        env.put("PGUSER", dataSource.getUsername());
        env.put("PGPASSWORD", dataSource.getPassword() == null ? "" : dataSource.getPassword());
        return env;
    }

    private static String jdbcUrl(Map<String, String> connection, String database) {
        return "jdbc:postgresql://" + connection.get("PGHOST") + ":" + connection.get("PGPORT") + "/" + database;
    }

    private static String script(Map<String, String> connection, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().putAll(connection);
        Process process = builder.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as(String.join(" ", command) + " finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static boolean onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }
}
