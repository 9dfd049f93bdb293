package com.bestever;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.admin.Account;
import com.bestever.admin.NewsroomSessions;
import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.article.ArticleRepository;
import com.bestever.poll.VoteQuestion;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The site behind Debian's Varnish with the shipped VCL ({@code deploy/varnish/default.vcl}) and
 * the site's own purger ({@code bestever.cdn.purger=http}): readers are served from the edge
 * whatever they did before, changes (saved or not) show through it within two seconds, votes
 * pass through and count, nothing signed-in is stored, and the edge serves pages while the site
 * is down. Skipped, saying so, where {@code varnishd} is not installed ({@code apt-get install varnish}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // the last test stops the site
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VarnishEdgeTests {

    private static final Path VARNISHD = Path.of("/usr/sbin/varnishd");
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

    static final int SITE_PORT = freePort();
    static final int EDGE_PORT = freePort();
    static Process varnish;
    static Path workdir;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Autowired
    ArticleRepository articles;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebServerApplicationContext context;

    static Article review;
    static VoteQuestion poll;
    static Article renamed;
    static Article deleted;
    static Article scheduled;
    static Article closingReview;
    static VoteQuestion closing;
    static Article countedReview;
    static VoteQuestion counted;

    @DynamicPropertySource
    static void site(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> SITE_PORT);
        registry.add("bestever.cdn.purger", () -> "http");
        registry.add("bestever.cdn.purge-url", () -> "http://127.0.0.1:" + EDGE_PORT + "/");
    }

    @BeforeAll
    static void startVarnish() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(VARNISHD),
                "varnishd is not installed (apt-get install varnish): the site behind Varnish is not tested here");
        // varnishd reads the VCL as its own unprivileged user
        workdir = Files.createTempDirectory(
                "varnish-edge", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String shipped = Files.readString(Path.of("deploy/varnish/default.vcl"));
        String vcl = shipped.replace(".host = \"web\";", ".host = \"127.0.0.1\";")
                .replace(".port = \"80\";", ".port = \"" + SITE_PORT + "\";");
        assertThat(vcl)
                .as("the test points the shipped VCL's backend at this site")
                .isNotEqualTo(shipped);
        Path file = workdir.resolve("default.vcl");
        Files.writeString(file, vcl);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        varnish = new ProcessBuilder(
                        VARNISHD.toString(),
                        "-F",
                        "-a",
                        "127.0.0.1:" + EDGE_PORT,
                        "-T",
                        "127.0.0.1:0",
                        "-f",
                        file.toAbsolutePath().toString(),
                        "-n",
                        workdir.resolve("n").toString(),
                        "-s",
                        "malloc,64m",
                        "-p",
                        "ban_lurker_sleep=0.1")
                .redirectErrorStream(true)
                .redirectOutput(workdir.resolve("varnishd.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!listening(EDGE_PORT)) {
            assertThat(varnish.isAlive())
                    .as("varnishd started: %s", Files.readString(workdir.resolve("varnishd.log")))
                    .isTrue();
            assertThat(System.currentTimeMillis())
                    .as("varnishd listening within 20 s")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopVarnish() throws InterruptedException {
        if (varnish != null) {
            varnish.destroy(); // TERM, this process only
            if (!varnish.waitFor(10, TimeUnit.SECONDS)) {
                varnish.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void content() throws InterruptedException {
        if (review == null) {
            review = data.publishedReview();
            poll = data.pollFor(review);
            renamed = data.publishedReview();
            deleted = data.publishedReview();
            scheduled = data.scheduled(Instant.now().plus(Duration.ofDays(1)));
            closingReview = data.publishedReview();
            closing = data.pollFor(closingReview);
            countedReview = data.publishedReview();
            counted = data.pollFor(countedReview);
            settle();
        }
    }

    /**
     * Waits until the purges of earlier changes (each is purged twice, the second time five
     * seconds later) are over, so that only the change under test can make a page change.
     */
    private static void settle() throws InterruptedException {
        Thread.sleep(6500);
    }

    /** Every public page of one review, its film, author, genre and the site-wide lists. */
    private List<String> publicPages() {
        return transaction.execute(status -> {
            Article fresh = articles.findById(review.getId()).orElseThrow();
            return List.of(
                    "/",
                    "/reviews/" + fresh.getSlug(),
                    "/films/" + fresh.getFilm().getSlug(),
                    "/authors/" + fresh.getAuthor().getSlug(),
                    "/genres/" + fresh.getGenre().getSlug(),
                    "/genres",
                    "/best-ever",
                    "/best-ever/" + fresh.getGenre().getSlug(),
                    "/feed.xml",
                    "/sitemap.xml");
        });
    }

    @Test
    @Order(0)
    void withAPurgerTheSiteGivesTheEdgeHoursAndBrowsersAMinute() throws Exception {
        HttpClient origin = HttpClient.newHttpClient();
        String page = "/reviews/" + review.getSlug();
        HttpResponse<String> fresh = origin.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SITE_PORT + page))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1100);
        HttpResponse<String> kept = origin.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SITE_PORT + page))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(fresh, kept)) {
            assertThat(response.headers().firstValue("Cache-Control"))
                    .hasValue("public, max-age=60, stale-while-revalidate=600, stale-if-error=86400");
            assertThat(response.headers().firstValue("Surrogate-Control"))
                    .hasValue("max-age=86400, stale-while-revalidate=600, stale-if-error=86400");
            assertThat(response.headers().firstValue("CDN-Cache-Control"))
                    .hasValue("max-age=86400, stale-while-revalidate=600, stale-if-error=86400");
            assertThat(response.headers().firstValue("Surrogate-Key").orElseThrow())
                    .startsWith("site ")
                    .contains("review-" + review.getId());
        }
        assertThat(kept.headers().firstValue("Age"))
                .as("a page kept by the site says how old it is")
                .isPresent();

        // A page with live standings: no edge lifetime beyond the browsers' minute.
        HttpResponse<String> film = origin.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SITE_PORT + "/best-ever"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(film.headers().firstValue("Surrogate-Control")).isEmpty();
        assertThat(film.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=60");
    }

    @Test
    @Order(1)
    void aCookielessReaderIsServedFromTheEdge() throws Exception {
        Reader reader = new Reader();
        assertEveryPageIsAnEdgeHit(reader);
    }

    @Test
    @Order(2)
    void aReaderWhoVotedWithoutJavaScriptIsServedFromTheEdge() throws Exception {
        Reader reader = new Reader();
        HttpResponse<String> voted = reader.voteWithoutJavaScript(poll, yesOption(poll));
        assertThat(voted.statusCode())
                .as("the vote's answer: %s", voted.headers().map())
                .isLessThan(400);
        assertThat(reader.cookies())
                .allSatisfy(cookie -> assertThat(cookie.getPath()).isEqualTo("/polls/"));

        assertEveryPageIsAnEdgeHit(reader);
    }

    @Test
    @Order(3)
    void aReaderWhoOpenedTheStandingsIsServedFromTheEdge() throws Exception {
        Reader reader = new Reader();
        HttpResponse<String> standings = reader.get("/polls/" + poll.getId() + "/results");
        assertThat(standings.statusCode()).isEqualTo(200);
        assertThat(reader.cookies()).noneMatch(cookie -> "/".equals(cookie.getPath()) || cookie.getPath() == null);
        assertThat(reader.cookies()).noneMatch(cookie -> cookie.getName().equals(NewsroomSessions.COOKIE));

        assertEveryPageIsAnEdgeHit(reader);
    }

    private void assertEveryPageIsAnEdgeHit(Reader reader) throws Exception {
        for (String page : publicPages()) {
            HttpResponse<String> first = reader.get(page);
            assertThat(first.statusCode()).as(page).isEqualTo(200);
            assertThat(first.headers().firstValue("Set-Cookie")).as(page).isEmpty();
            assertThat(first.headers().firstValue("Surrogate-Key"))
                    .as("the edge strips the tags: " + page)
                    .isEmpty();
            HttpResponse<String> again = reader.get(page);
            assertThat(again.headers().firstValue("X-Cache"))
                    .as("a repeat fetch of %s is an edge hit", page)
                    .hasValue("HIT");
            assertThat(again.body()).isEqualTo(first.body());
        }
    }

    @Test
    @Order(4)
    void anEditShowsThroughTheEdgeWithinTwoSeconds() throws Exception {
        Reader reader = new Reader();
        String page = "/reviews/" + review.getSlug();
        reader.cached(page);
        String quote = "A pull quote changed at " + System.nanoTime() + ".";

        Instant saved = save(article -> article.setPullQuote(quote));

        assertVisibleWithin(reader, page, saved, response -> response.body().contains(quote));
        assertVisibleWithin(reader, "/", saved, response -> response.body().contains(quote));
    }

    @Test
    @Order(5)
    void aSlugChangeShowsThroughTheEdgeWithinTwoSeconds() throws Exception {
        settle();
        Article other = renamed;
        Reader reader = new Reader();
        String old = "/reviews/" + other.getSlug();
        reader.cached(old);
        reader.cached("/");
        String slug = TestData.unique("renamed");

        Instant saved = save(other.getId(), article -> article.changeSlug(slug));

        assertVisibleWithin(
                reader,
                old,
                saved,
                response -> response.statusCode() == 301
                        && response.headers().firstValue("Location").orElse("").endsWith("/reviews/" + slug));
        assertVisibleWithin(reader, "/", saved, response -> response.body().contains("/reviews/" + slug));
    }

    @Test
    @Order(6)
    void aDeletionShowsThroughTheEdgeWithinTwoSeconds() throws Exception {
        settle();
        Article other = deleted;
        Reader reader = new Reader();
        String page = "/reviews/" + other.getSlug();
        reader.cached(page);
        reader.cached("/");

        Instant deleted = Instant.now();
        transaction.executeWithoutResult(status -> articles.deleteById(other.getId()));

        assertVisibleWithin(
                reader, page, deleted, response -> response.statusCode() == 404 || response.statusCode() == 410);
        assertVisibleWithin(reader, "/", deleted, response -> !response.body().contains(page));
    }

    @Test
    @Order(7)
    void aScheduledReviewGoingLiveShowsThroughTheEdgeWithinTwoSecondsOfItsTime() throws Exception {
        settle();
        Instant due = Instant.now().plusSeconds(3);
        // Its time is set straight in the database: no save announces anything.
        jdbc.sql("update article set publish_at = ? where id = ?")
                .params(Timestamp.from(due), scheduled.getId())
                .update();
        Reader reader = new Reader();
        String page = "/reviews/" + scheduled.getSlug();
        assertThat(reader.get(page).statusCode())
                .as("not public before its time")
                .isEqualTo(404);
        assertThat(reader.get(page).headers().firstValue("X-Cache")).hasValue("MISS");
        reader.cached("/");
        assertThat(reader.get("/").body()).doesNotContain(page);

        // Nobody saves anything: the time comes.
        assertVisibleWithin(reader, page, due, response -> response.statusCode() == 200);
        assertVisibleWithin(reader, "/", due, response -> response.body().contains(page));
    }

    @Test
    @Order(8)
    void aPollClosingShowsThroughTheEdgeWithinTwoSecondsOfItsTime() throws Exception {
        settle();
        String page = "/reviews/" + closingReview.getSlug();
        String form = "form[action=/polls/" + closing.getId() + "/votes]";
        Instant closes = Instant.now().plusSeconds(3);
        jdbc.sql("update vote_question set closes_at = ? where id = ?")
                .params(Timestamp.from(closes), closing.getId())
                .update();
        Reader reader = new Reader();
        reader.cached(page);
        assertThat(Jsoup.parse(reader.get(page).body()).select(form))
                .as("the poll's form while it is open")
                .isNotEmpty();

        assertVisibleWithin(
                reader,
                page,
                closes,
                response -> Jsoup.parse(response.body()).select(form).isEmpty());
    }

    @Test
    @Order(9)
    void votesThroughTheEdgeAreCountedExactly() throws Exception {
        long option = yesOption(counted);
        for (int reader = 0; reader < 25; reader++) {
            HttpResponse<String> voted = new Reader().voteWithoutJavaScript(counted, option);
            assertThat(voted.statusCode()).isLessThan(400);
        }
        long votes = jdbc.sql("select coalesce(sum(votes), 0) from vote_option where question_id = ?")
                .param(counted.getId())
                .query(Long.class)
                .single();
        assertThat(votes).isEqualTo(25);
    }

    @Test
    @Order(10)
    void nothingSignedInIsStoredAndASignedOutEditorIsAReaderAgain() throws Exception {
        Account editor = accounts.account(Role.EDITOR);
        Reader browser = new Reader();
        String page = "/reviews/" + review.getSlug();
        browser.signIn(editor.getUsername(), TestAccounts.PASSWORD);
        assertThat(browser.cookies()).anyMatch(cookie -> cookie.getName().equals(NewsroomSessions.COOKIE));

        for (String editorsPage : List.of("/admin", page, "/")) {
            HttpResponse<String> first = browser.get(editorsPage);
            HttpResponse<String> again = browser.get(editorsPage);
            assertThat(first.statusCode()).as(editorsPage).isEqualTo(200);
            assertThat(again.headers().firstValue("X-Cache")).as(editorsPage).hasValue("MISS");
            assertThat(again.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        }
        String editorsName = editor.getDisplayName();
        assertThat(browser.get("/admin").body()).contains(editorsName);
        HttpResponse<String> anonymous = new Reader().get("/admin");
        assertThat(anonymous.statusCode())
                .as("the newsroom, asked without a session")
                .isIn(302, 303);
        assertThat(new Reader().get(page).body()).doesNotContain(editorsName);

        browser.signOut();
        assertThat(browser.cookies()).noneMatch(cookie -> cookie.getName().equals(NewsroomSessions.COOKIE));
        assertEveryPageIsAnEdgeHit(browser);
    }

    @Test
    @Order(11)
    void withTheSiteStoppedTheEdgeStillServesPublicPages() throws Exception {
        Reader reader = new Reader();
        List<String> pages = publicPages();
        for (String page : pages) {
            reader.cached(page);
        }

        ((TomcatWebServer) context.getWebServer()).stop();
        assertThat(listening(SITE_PORT)).as("the site is down").isFalse();

        for (String page : pages) {
            HttpResponse<String> served = reader.get(page);
            assertThat(served.statusCode()).as("%s with the site down", page).isEqualTo(200);
        }
    }

    private long yesOption(VoteQuestion question) {
        return jdbc.sql("select id from vote_option where question_id = ? order by id limit 1")
                .param(question.getId())
                .query(Long.class)
                .single();
    }

    private Instant save(java.util.function.Consumer<Article> change) {
        return save(review.getId(), change);
    }

    private Instant save(long id, java.util.function.Consumer<Article> change) {
        transaction.executeWithoutResult(status -> {
            Article article = articles.findById(id).orElseThrow();
            change.accept(article);
            articles.save(article);
        });
        return Instant.now(); // committed
    }

    /** Fetches the page through the edge until it shows the change; fails unless it does within two seconds of {@code since}. */
    private static void assertVisibleWithin(
            Reader reader, String page, Instant since, Predicate<HttpResponse<String>> showsTheChange)
            throws Exception {
        Instant deadline = since.plus(VISIBLE_WITHIN);
        HttpResponse<String> response;
        do {
            response = reader.get(page);
            if (showsTheChange.test(response)) {
                System.out.printf(
                        "VarnishEdgeTests: %s showed the change through the edge %d ms after it%n",
                        page, Duration.between(since, Instant.now()).toMillis());
                return;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        response = reader.get(page);
        assertThat(showsTheChange.test(response))
                .as(
                        "%s shows the change through the edge within %s (status %s, X-Cache %s)",
                        page,
                        VISIBLE_WITHIN,
                        response.statusCode(),
                        response.headers().firstValue("X-Cache"))
                .isTrue();
    }

    /** A browser that reaches the site only through the edge, with its own cookie jar. */
    static final class Reader {

        private final CookieManager jar = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(jar)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return client.send(
                    HttpRequest.newBuilder(edge(path))
                            .header("Accept-Encoding", "identity")
                            .timeout(Duration.ofSeconds(20))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Fetches the page until the edge has it (a later fetch is a hit). */
        void cached(String path) throws IOException, InterruptedException {
            get(path);
            assertThat(get(path).headers().firstValue("X-Cache"))
                    .as("%s kept at the edge", path)
                    .hasValue("HIT");
        }

        HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
            return client.send(
                    HttpRequest.newBuilder(edge(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Origin", "http://127.0.0.1:" + EDGE_PORT)
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The poll's plain form: the first POST sets the voter cookie and repeats itself (307), as a browser does. */
        HttpResponse<String> voteWithoutJavaScript(VoteQuestion question, long option)
                throws IOException, InterruptedException {
            String path = "/polls/" + question.getId() + "/votes";
            HttpResponse<String> answer = post(path, "choice=" + option);
            if (answer.statusCode() == 307) {
                String location = answer.headers().firstValue("Location").orElseThrow();
                answer = post(jar.getCookieStore().getCookies().isEmpty() ? location : path, "choice=" + option);
            }
            return answer;
        }

        void signIn(String username, String password) throws IOException, InterruptedException {
            String csrf = Jsoup.parse(get("/login").body())
                    .selectFirst("form[action=/login] input[name=_csrf]")
                    .attr("value");
            HttpResponse<String> signedIn = post(
                    "/login",
                    "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf));
            assertThat(signedIn.statusCode())
                    .as("signed in: %s", signedIn.headers().map())
                    .isIn(302, 303);
            assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        }

        void signOut() throws IOException, InterruptedException {
            String csrf = Jsoup.parse(get("/admin").body())
                    .selectFirst("form[action=/logout] input[name=_csrf]")
                    .attr("value");
            HttpResponse<String> signedOut = post("/logout", "_csrf=" + encode(csrf));
            assertThat(signedOut.statusCode()).as("signed out").isIn(302, 303);
        }

        List<HttpCookie> cookies() {
            return jar.getCookieStore().getCookies();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        private static URI edge(String path) {
            return URI.create("http://127.0.0.1:" + EDGE_PORT + path);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
