package com.bestever.system;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;

import com.bestever.admin.NewsroomSessions;
import com.bestever.article.Article;
import com.bestever.support.JdbcStatements;
import com.bestever.support.SessionCookies;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;

/** Public pages rendered once, kept gzipped, revalidated with ETags, and dropped when content changes. */
@SiteTest
class PublicPageCacheTests {

    static final String PUBLIC = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PublicPageCache cache;

    MockHttpServletResponse fetch(String path) throws Exception {
        return mvc.perform(get(path)).andReturn().getResponse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/reviews/the-400-blows", "/films/the-400-blows", "/authors/philip-dale", "/genres/drama"})
    void publicPagesMayBeKeptByBrowsersAndSharedCaches(String path) throws Exception {
        var response = fetch(path);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo(PUBLIC);
        assertThat(response.getHeader("ETag")).matches("\"[A-Za-z0-9_-]{24}\"");
        assertThat(response.getHeader("Vary")).isEqualTo("Accept-Encoding");
        assertThat(response.getHeaders("Pragma")).isEmpty();
        assertThat(response.getHeaders("Expires")).isEmpty();
        assertThat(response.getHeaders("Set-Cookie")).isEmpty();
    }

    @Test
    void aReaderWhoHasThePageGetsNotModified() throws Exception {
        String etag = fetch("/reviews/the-400-blows").getHeader("ETag");

        var again = mvc.perform(get("/reviews/the-400-blows").header("If-None-Match", etag))
                .andReturn()
                .getResponse();

        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(again.getContentAsByteArray()).isEmpty();
        assertThat(again.getHeader("ETag")).isEqualTo(etag);
        assertThat(again.getHeader("Cache-Control")).isEqualTo(PUBLIC);
    }

    @Test
    void aReaderWithAnOldVersionGetsTheWholePage() throws Exception {
        var response = mvc.perform(get("/reviews/the-400-blows").header("If-None-Match", "\"not-the-current-one\""))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(page(response).selectFirst("h1").text()).isEqualTo("The 400 Blows");
    }

    @Test
    void theSecondReaderIsServedWithoutTheDatabase() throws Exception {
        fetch("/reviews/the-400-blows");
        long count = JdbcStatements.countDuring(() -> fetch("/reviews/the-400-blows"));
        assertThat(count).isZero();
    }

    @Test
    void gzippedBytesAreTheSamePage() throws Exception {
        var plain = fetch("/reviews/the-400-blows");
        var gzipped = mvc.perform(get("/reviews/the-400-blows").header("Accept-Encoding", "gzip, deflate, br"))
                .andReturn()
                .getResponse();

        assertThat(plain.getHeader("Content-Encoding")).isNull();
        assertThat(gzipped.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.getHeader("Vary")).isEqualTo("Accept-Encoding");
        assertThat(gzipped.getContentAsByteArray().length).isLessThan(plain.getContentAsByteArray().length / 2);
        assertThat(gunzip(gzipped.getContentAsByteArray())).isEqualTo(plain.getContentAsByteArray());
        assertThat(gzipped.getContentLength()).isEqualTo(gzipped.getContentAsByteArray().length);
        assertThat(gzipped.getHeader("ETag")).isNotEqualTo(plain.getHeader("ETag"));
    }

    @Test
    void aClientThatRefusesGzipGetsPlainBytes() throws Exception {
        var response = mvc.perform(get("/reviews/the-400-blows").header("Accept-Encoding", "gzip;q=0, identity"))
                .andReturn()
                .getResponse();
        assertThat(response.getHeader("Content-Encoding")).isNull();
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("<h1");
    }

    @Test
    void headAnswersWithTheHeadersOfTheGet() throws Exception {
        var got = fetch("/reviews/the-400-blows");
        var headed = mvc.perform(head("/reviews/the-400-blows")).andReturn().getResponse();
        assertThat(headed.getStatus()).isEqualTo(200);
        assertThat(headed.getHeader("ETag")).isEqualTo(got.getHeader("ETag"));
        assertThat(headed.getContentLength()).isEqualTo(got.getContentAsByteArray().length);
        assertThat(headed.getContentAsByteArray()).isEmpty();
    }

    @Test
    void aChangedReviewIsShownOnceContentChangedIsPublished() throws Exception {
        Article review = data.publishedReview();
        data.pollFor(review);
        String path = "/reviews/" + review.getSlug();
        assertThat(title(fetch(path))).isEqualTo(review.getTitle());

        // Changed behind the site's back: the kept page still shows the old title...
        jdbc.sql("update article set title = 'A retitled review' where id = ?")
                .param(review.getId())
                .update();
        assertThat(title(fetch(path))).isEqualTo(review.getTitle());

        // ...until the editor's change is announced.
        events.publishEvent(new ContentChanged(ContentChanged.Kind.REVIEW, review.getId()));
        assertThat(title(fetch(path))).isEqualTo("A retitled review");
    }

    @Test
    void theHomePageShowsANewlyPublishedReviewAtOnce() throws Exception {
        fetch("/"); // kept
        Article review = data.publishedReview();

        Document home = page(fetch("/"));

        assertThat(home.select(".card-title a").eachText()).contains(review.getTitle());
    }

    @Test
    void queryParametersThatDoNotChangeThePageShareItsVersion() throws Exception {
        String etag = fetch("/").getHeader("ETag");
        assertThat(fetch("/?utm_source=newsletter").getHeader("ETag")).isEqualTo(etag);
        assertThat(fetch("/?page=1").getHeader("ETag")).isEqualTo(etag);
    }

    @Test
    void missingPagesAreNotKept() throws Exception {
        String slug = TestData.unique("review");
        var missing = fetch("/reviews/" + slug);
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getHeader("Cache-Control")).contains("no-store");
    }

    @Autowired
    SessionRepository<? extends Session> sessions;

    @Autowired
    DataSource dataSource;

    /** A session in the shared session table, holding a sign-in or not, as the browser's cookie. */
    Cookie session(boolean signedIn) {
        return SessionCookies.forId(save(sessions, signedIn));
    }

    static <S extends Session> String save(SessionRepository<S> repository, boolean signedIn) {
        S session = repository.createSession();
        if (signedIn) {
            session.setAttribute(
                    "SPRING_SECURITY_CONTEXT",
                    new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                            "editor", null, AuthorityUtils.createAuthorityList("ROLE_EDITOR"))));
        }
        repository.save(session);
        return session.getId();
    }

    @Test
    void aSignedInEditorGetsAPrivateCopy() throws Exception {
        fetch("/reviews/the-400-blows");
        var response = mvc.perform(get("/reviews/the-400-blows").cookie(session(true)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("private, no-store");
    }

    @Test
    void aSessionWithoutASignInIsAReader() throws Exception {
        var kept = fetch("/reviews/the-400-blows");
        var response = mvc.perform(get("/reviews/the-400-blows").cookie(session(false)))
                .andReturn()
                .getResponse();
        assertThat(response.getHeader("Cache-Control")).isEqualTo(PUBLIC);
        assertThat(response.getHeader("ETag")).isEqualTo(kept.getHeader("ETag"));
    }

    /**
     * Sessions are in PostgreSQL, and a reader without a session cookie never asks for one: with
     * the session table locked, a reader's kept page and a fresh render answer at once, while a
     * request with a session cookie waits for the table (which shows the lock works).
     */
    @Test
    void aReaderWithoutASessionCookieCostsNoSessionQuery() throws Exception {
        Article review = data.publishedReview();
        fetch("/reviews/the-400-blows");
        long renders = cache.renders();
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table spring_session in access exclusive mode");
            }
            long started = System.nanoTime();
            assertThat(fetch("/reviews/the-400-blows").getStatus()).isEqualTo(200);
            assertThat(fetch("/reviews/" + review.getSlug()).getStatus()).isEqualTo(200);
            assertThat(cache.renders()).as("one fresh render among them").isEqualTo(renders + 1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

            CompletableFuture<Integer> withCookie = CompletableFuture.supplyAsync(() -> {
                try {
                    return mvc.perform(get("/reviews/the-400-blows")
                                    .cookie(SessionCookies.forId(
                                            UUID.randomUUID().toString())))
                            .andReturn()
                            .getResponse()
                            .getStatus();
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            Thread.sleep(300);
            assertThat(withCookie)
                    .as("a session cookie is looked up in the locked table")
                    .isNotDone();
            locker.rollback();
            assertThat(withCookie.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }

    @Test
    void aMadeUpSessionCookieOrCredentialsGetTheKeptPage() throws Exception {
        var kept = fetch("/reviews/the-400-blows");
        long renders = cache.renders();

        var withCookie = mvc.perform(get("/reviews/the-400-blows")
                        .cookie(SessionCookies.forId(UUID.randomUUID().toString())))
                .andReturn()
                .getResponse();
        var withJunkCookie = mvc.perform(
                        get("/reviews/the-400-blows").cookie(new Cookie(NewsroomSessions.COOKIE, "made-up")))
                .andReturn()
                .getResponse();
        var withAuthorization = mvc.perform(get("/reviews/the-400-blows").header("Authorization", "Basic eDp4"))
                .andReturn()
                .getResponse();
        var askingForJson = mvc.perform(get("/reviews/the-400-blows").header("Accept", "application/json"))
                .andReturn()
                .getResponse();

        for (var response : java.util.List.of(withCookie, withJunkCookie, withAuthorization, askingForJson)) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeader("Cache-Control")).isEqualTo(PUBLIC);
            assertThat(response.getHeader("ETag")).isEqualTo(kept.getHeader("ETag"));
        }
        assertThat(cache.renders()).isEqualTo(renders);
    }

    @Test
    void variantsOfOneAddressAreOnePage() throws Exception {
        Article review = data.publishedReview();
        String path = "/reviews/" + review.getSlug();
        String etag = fetch(path).getHeader("ETag");
        long renders = cache.renders();

        String encoded = path.replace("-", "%2D");
        assertThat(mvc.perform(get(java.net.URI.create(encoded)))
                        .andReturn()
                        .getResponse()
                        .getHeader("ETag"))
                .isEqualTo(etag);
        assertThat(fetch(path + "?page=1").getHeader("ETag")).isEqualTo(etag);
        assertThat(fetch(path + "?page=7").getHeader("ETag")).isEqualTo(etag);
        assertThat(fetch("/").getStatus()).isEqualTo(200);
        long afterHome = cache.renders();
        assertThat(fetch("/?page=01").getHeader("ETag")).isEqualTo(fetch("/").getHeader("ETag"));
        assertThat(fetch("/?page=abc").getStatus()).isEqualTo(400);

        assertThat(afterHome - renders).isLessThanOrEqualTo(1);
        assertThat(cache.renders()).isEqualTo(afterHome);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin", "/admin/articles", "/login", "/polls/1/results", "/actuator/health"})
    void privateAddressesAreNeverStored(String path) throws Exception {
        var response = fetch(path);
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        assertThat(response.getHeader("ETag")).isNull();
    }

    @Test
    void stylesheetHasAContentHashedAddressKeptForAYear() throws Exception {
        Document page = page(fetch("/reviews/the-400-blows"));
        String href = page.selectFirst("link[rel=stylesheet]").attr("href");
        assertThat(href).matches("/css/site-[0-9a-f]{32}\\.css");

        var css = fetch(href);

        assertThat(css.getStatus()).isEqualTo(200);
        assertThat(css.getHeader("Cache-Control"))
                .contains("max-age=31536000")
                .contains("public")
                .contains("immutable");
        assertThat(css.getContentAsString(StandardCharsets.UTF_8)).contains("{");
    }

    private static String title(MockHttpServletResponse response) throws Exception {
        return page(response).selectFirst("h1").text();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
