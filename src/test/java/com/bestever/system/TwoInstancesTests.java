package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.bestever.BestEverApplication;
import com.bestever.admin.Account;
import com.bestever.admin.NewsroomSessions;
import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.article.ArticleRepository;
import com.bestever.article.ArticleStatus;
import com.bestever.poll.VoteQuestion;
import com.bestever.support.LiveServer;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

/**
 * Any instance serves any request: two instances of the site, A and B, on one PostgreSQL
 * database, as behind a load balancer. A session begun on A serves on B; what is published or
 * edited on A shows on B within a second (B had the page kept); a vote counted on A counts on B;
 * an account change on one ends the sessions on the other; and B, restarted, has lost nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTests {

    static final Duration WITHIN = Duration.ofSeconds(1);
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-admin-password-2c8f1e";

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    // What the tests leave for the restart to find again.
    static String adminSession;
    static String reviewPath;
    static String reviewTitle;
    static String pollResults;
    static String voter;

    static ConfigurableApplicationContext instance() {
        // The test database (target/embedded-postgres), as every test of this JVM: one PostgreSQL.
        return new SpringApplicationBuilder(BestEverApplication.class).run("--server.port=0");
    }

    @BeforeAll
    static void start() {
        a = instance();
        b = instance();
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    static LiveServer server(ConfigurableApplicationContext instance) {
        return new LiveServer((WebServerApplicationContext) instance);
    }

    static HttpResponse<String> get(ConfigurableApplicationContext instance, String path, String cookie)
            throws Exception {
        LiveServer server = server(instance);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return server.send(request);
    }

    static String title(HttpResponse<String> page) {
        return Jsoup.parse(page.body()).select("h1").text();
    }

    /** Polls B's page until it shows what A did; answers how long that took. */
    static Duration untilShown(String path, Predicate<HttpResponse<String>> shown) throws Exception {
        long started = System.nanoTime();
        while (System.nanoTime() - started < Duration.ofSeconds(5).toNanos()) {
            if (shown.test(get(b, path, null))) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(20);
        }
        return Duration.ofSeconds(5);
    }

    /** Signs in at A's sign-in form as a browser does; answers the session cookie ("SESSION=..."). */
    static String signIn(ConfigurableApplicationContext instance, String username, String password) throws Exception {
        a.getBean(JdbcClient.class).sql("delete from sign_in_failure").update();
        LiveServer server = server(instance);
        HttpResponse<String> form = server.get("/login");
        String csrfCookie = form.headers().firstValue(HttpHeaders.SET_COOKIE).orElseThrow();
        String field = Jsoup.parse(form.body())
                .selectFirst("form[action=/login] input[name=_csrf]")
                .val();
        HttpResponse<String> signedIn = server.send(HttpRequest.newBuilder(server.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", csrfCookie.substring(0, csrfCookie.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(field, StandardCharsets.UTF_8))));
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        String session = signedIn.headers().allValues(HttpHeaders.SET_COOKIE).stream()
                .filter(cookie -> cookie.startsWith(NewsroomSessions.COOKIE + "="))
                .findFirst()
                .orElseThrow();
        return session.substring(0, session.indexOf(';'));
    }

    @Test
    @Order(1)
    void aSessionBegunOnAServesOnB() throws Exception {
        adminSession = signIn(a, ADMIN, ADMIN_PASSWORD);

        HttpResponse<String> newsroom = get(b, "/admin", adminSession);
        assertThat(newsroom.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(newsroom.body()).selectFirst(".signed-in-as").text())
                .contains("(admin)");
        assertThat(get(b, "/admin", null).statusCode()).as("without the cookie").isEqualTo(302);
    }

    @Test
    @Order(2)
    void whatIsPublishedAndEditedOnAShowsOnBWithinASecond() throws Exception {
        TestData data = a.getBean(TestData.class);
        ArticleRepository articles = a.getBean(ArticleRepository.class);
        TransactionTemplate transaction = a.getBean(TransactionTemplate.class);
        Article first = data.publishedReview();
        Article second = data.review(article -> {
            article.setAuthor(first.getAuthor());
            article.setStatus(ArticleStatus.DRAFT);
        });
        String authorPage = "/authors/" + first.getAuthor().getSlug();
        Thread.sleep(300); // the set-up's own notices (TestData announces everything) are heard first
        // B keeps the author's page, with the one public review.
        assertThat(get(b, authorPage, null).body()).contains(first.getTitle());
        assertThat(get(b, authorPage, null).body()).doesNotContain(second.getTitle());
        assertThat(b.getBean(PublicPageCache.class).tagsOf(authorPage)).isNotNull();

        // Published on A: B's kept page shows it within a second.
        transaction.executeWithoutResult(status -> articles.findById(second.getId())
                .orElseThrow()
                .publish(Instant.now().minusSeconds(30)));
        Duration published = untilShown(authorPage, page -> page.body().contains(second.getTitle()));
        assertThat(published).as("published on A, shown on B").isLessThan(WITHIN);

        // Edited on A: B's kept review page shows the new title within a second.
        reviewPath = "/reviews/" + second.getSlug();
        assertThat(title(get(b, reviewPath, null))).isEqualTo(second.getTitle());
        assertThat(b.getBean(PublicPageCache.class).tagsOf(reviewPath)).isNotNull();
        reviewTitle = "Retitled on A " + second.getSlug();
        transaction.executeWithoutResult(
                status -> articles.findById(second.getId()).orElseThrow().setTitle(reviewTitle));
        Duration edited = untilShown(reviewPath, page -> title(page).equals(reviewTitle));
        assertThat(edited).as("edited on A, shown on B").isLessThan(WITHIN);
        System.out.printf(
                "TwoInstancesTests: published on A, shown on B after %d ms; edited, after %d ms%n",
                published.toMillis(), edited.toMillis());
    }

    @Test
    @Order(3)
    void aVoteOnAIsCountedOnB() throws Exception {
        TestData data = a.getBean(TestData.class);
        VoteQuestion poll = data.pollFor(data.publishedReview());
        long yes = poll.getOptions().get(0).getId();
        pollResults = "/polls/" + poll.getId() + "/results";
        LiveServer onA = server(a);
        String vote = "/polls/" + poll.getId() + "/votes";

        // A new reader: A gives the voter cookie first, then counts the vote under it.
        HttpResponse<String> first = onA.send(voteOn(onA, vote, yes, null));
        assertThat(first.statusCode()).isEqualTo(307);
        String cookie = first.headers().firstValue(HttpHeaders.SET_COOKIE).orElseThrow();
        voter = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> counted = onA.send(voteOn(onA, vote + "?voter=new", yes, voter));
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(303);

        HttpResponse<String> onB = jsonFrom(b, pollResults, voter);
        assertThat(total(onB)).isEqualTo(1);
        assertThat(onB.body())
                .contains("\"choice\":\"" + poll.getOptions().get(0).getLabel());
    }

    static HttpRequest.Builder voteOn(LiveServer server, String path, long choice, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("choice=" + choice));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return request;
    }

    /** The poll's total as B's JSON answer gives it. */
    static long total(HttpResponse<String> results) {
        Matcher total = Pattern.compile("\"total\":(\\d+)").matcher(results.body());
        assertThat(total.find()).as(results.body()).isTrue();
        return Long.parseLong(total.group(1));
    }

    static HttpResponse<String> jsonFrom(ConfigurableApplicationContext instance, String path, String cookie)
            throws Exception {
        LiveServer server = server(instance);
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Accept", "application/json")
                .header("Cookie", cookie));
    }

    @Test
    @Order(4)
    void aPasswordSetOnAEndsTheSessionOnB() throws Exception {
        Account editor = a.getBean(TestAccounts.class).account(Role.EDITOR);
        String session = signIn(a, editor.getUsername(), TestAccounts.PASSWORD);
        assertThat(get(b, "/admin", session).statusCode()).isEqualTo(200);

        // An administrator on A sets a new password (through A's own newsroom).
        MockMvc newsroomOnA = MockMvcBuilders.webAppContextSetup((WebApplicationContext) a)
                .apply(springSecurity())
                .build();
        newsroomOnA
                .perform(post("/admin/accounts/" + editor.getId() + "/password")
                        .with(a.getBean(TestAccounts.class).signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("newPassword", "a-password-from-the-admin")
                        .param("repeatPassword", "a-password-from-the-admin"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/admin/accounts/" + editor.getId()));

        HttpResponse<String> ended = get(b, "/admin", session);
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/login?password-changed");
        assertThat(get(a, "/admin", session).headers().firstValue("Location").orElseThrow())
                .as("and on A too: the session is gone from the shared table")
                .endsWith("/login");
    }

    @Test
    @Order(5)
    void restartingBLosesNothing() throws Exception {
        b.close();
        b = instance();

        assertThat(get(b, "/admin", adminSession).statusCode())
                .as("the session")
                .isEqualTo(200);
        assertThat(title(get(b, reviewPath, null))).as("the content").isEqualTo(reviewTitle);
        assertThat(total(jsonFrom(b, pollResults, voter))).as("the count").isEqualTo(1);

        // And B hears A again.
        String retitled = reviewTitle + " again";
        Long id = a.getBean(JdbcClient.class)
                .sql("select id from article where slug = ?")
                .param(reviewPath.substring("/reviews/".length()))
                .query(Long.class)
                .single();
        a.getBean(TransactionTemplate.class)
                .executeWithoutResult(status -> a.getBean(ArticleRepository.class)
                        .findById(id)
                        .orElseThrow()
                        .setTitle(retitled));
        assertThat(untilShown(reviewPath, page -> title(page).equals(retitled))).isLessThan(WITHIN);
    }
}
