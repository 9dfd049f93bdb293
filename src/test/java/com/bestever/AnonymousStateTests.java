package com.bestever;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.admin.NewsroomSessions;
import com.bestever.support.LiveServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * No anonymous request leaves state on the server: every route that answers GET (read from
 * Spring MVC's own route list, so a new route is covered without touching this test), with
 * real and with unknown values, plus static files, errors and the sign-in form's refusals, is
 * sent as an anonymous client sends it, on a real server. None may create a session or set a
 * session cookie, and no reader may get a cookie for the whole site ({@code Path=/}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnonymousStateTests {

    /** A public review with its poll, made for this class: other tests may change the sample review. */
    String REVIEW;

    @Autowired
    com.bestever.support.TestData data;

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping routes;

    @Autowired
    JdbcClient jdbc;

    LiveServer server;

    @BeforeEach
    void server() {
        server = new LiveServer(context);
        if (REVIEW == null) {
            var review = data.publishedReview();
            data.pollFor(review);
            REVIEW = review.getSlug();
        }
    }

    /** A real value for each path variable, by the section of the address it is in. */
    Map<String, String> realValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("/reviews/", REVIEW);
        values.put("/films/", sampleSlug("film", "film_id"));
        values.put("/authors/", sampleSlug("author", "author_id"));
        values.put("/genres/", sampleSlug("genre", "genre_id"));
        values.put(
                "/best-ever/", jdbc.sql("""
                        select g.slug from vote_question q join genre g on g.id = q.genre_id
                          join article a on a.id = q.article_id where a.slug = ?""").param(REVIEW).query(String.class).single());
        values.put(
                "/polls/",
                jdbc.sql("select q.id from vote_question q join article a on a.id = q.article_id" + " where a.slug = ?")
                        .param(REVIEW)
                        .query(String.class)
                        .single());
        return values;
    }

    String sampleSlug(String table, String column) {
        return jdbc.sql("select t.slug from article a join " + table + " t on t.id = a." + column + " where a.slug = ?")
                .param(REVIEW)
                .query(String.class)
                .single();
    }

    /** Every address pattern that answers GET, from the route list. */
    List<String> getRoutes() {
        Set<String> patterns = new LinkedHashSet<>();
        for (RequestMappingInfo info : routes.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                patterns.addAll(info.getPatternValues());
            }
        }
        return new ArrayList<>(patterns);
    }

    static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    /** The pattern with each variable replaced: by the section's real value, or by {@code fallback}. */
    static String expand(String pattern, Map<String, String> values, String fallback) {
        String real = values.entrySet().stream()
                .filter(section -> pattern.startsWith(section.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(fallback);
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            boolean number = matcher.group(1).equals("page") || matcher.group(1).equals("number");
            matcher.appendReplacement(path, Matcher.quoteReplacement(number ? "1" : real));
        }
        matcher.appendTail(path);
        return path.toString().replace("/**", "/x");
    }

    @Test
    void noRouteThatAnswersGetCreatesASessionOrSetsASiteWideCookie() throws Exception {
        List<String> patterns = getRoutes();
        assertThat(patterns)
                .as("the route list is read")
                .contains("/reviews/{slug}", "/polls/{id}/results", "/login", "/search", "/admin")
                .hasSizeGreaterThan(20);
        Map<String, String> values = realValues();
        Set<String> paths = new LinkedHashSet<>();
        for (String pattern : patterns) {
            paths.add(expand(pattern, values, "1"));
            paths.add(expand(pattern, Map.of(), "no-such-thing-404"));
        }
        paths.addAll(List.of(
                "/",
                "/search?q=truffaut",
                "/search?q=" + "x".repeat(300),
                "/reviews/" + REVIEW + "?page=abc",
                "/no/such/page",
                "/css/site.css",
                "/js/poll.js",
                "/favicon.svg",
                "/actuator/health",
                "/error"));

        long sessionsBefore = server.sessionsCreated();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (String path : paths) {
            for (boolean json : new boolean[] {false, true}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                        .GET()
                        .header("Accept", json ? "application/json" : "text/html");
                HttpResponse<String> response = server.send(request);
                statuses.put(path + (json ? " (json)" : ""), response.statusCode());
                if (!path.equals("/error")) { // Boot's error page asked for directly says 500: no state either
                    assertThat(response.statusCode()).as(path).isLessThan(500);
                }
                assertNoSessionCookie(path, response);
                for (String cookie : response.headers().allValues(HttpHeaders.SET_COOKIE)) {
                    assertThat(path)
                            .as("only the sign-in page sets a cookie, for itself: " + cookie)
                            .isEqualTo("/login");
                    assertThat(cookie).contains("Path=/login");
                }
            }
        }
        assertThat(server.sessionsCreated())
                .as("sessions created by " + statuses)
                .isEqualTo(sessionsBefore);
        // Real values reached the pages themselves, not only their 404s.
        assertThat(statuses)
                .containsEntry("/reviews/" + REVIEW, 200)
                .containsEntry("/polls/" + values.get("/polls/") + "/results", 200)
                .containsEntry("/polls/" + values.get("/polls/") + "/results (json)", 200)
                .containsEntry("/login", 200)
                .containsEntry("/no/such/page", 404);
    }

    static void assertNoSessionCookie(String what, HttpResponse<?> response) {
        assertThat(response.headers().allValues(HttpHeaders.SET_COOKIE))
                .as(what)
                .noneMatch(cookie -> cookie.startsWith(NewsroomSessions.COOKIE + "="));
    }

    @Test
    void theSignInFormWorksWithoutASessionUntilThePasswordIsAccepted() throws Exception {
        // Other tests (the hostile-input surface among them) may have spent this address's sign-in allowance.
        jdbc.sql("delete from sign_in_failure").update();
        long sessionsBefore = server.sessionsCreated();
        HttpResponse<String> shown = server.get("/login");
        assertThat(shown.headers().firstValue(HttpHeaders.SET_COOKIE))
                .as("GET /login: %s %s", shown.statusCode(), shown.headers().map())
                .isPresent();
        String cookie = shown.headers().firstValue(HttpHeaders.SET_COOKIE).orElseThrow();
        assertThat(cookie)
                .startsWith("SIGN-IN-CSRF=")
                .contains("Path=/login", "HttpOnly", "SameSite=Strict", "Max-Age=7200");
        String token = cookie.substring(0, cookie.indexOf(';'));
        String field = Jsoup.parse(shown.body())
                .selectFirst("form[action=/login] input[name=_csrf]")
                .val();

        // Without the cookie, or with another field: refused, and no session.
        HttpResponse<String> noCookie = signIn("admin", "test-admin-password-2c8f1e", field, null);
        assertThat(noCookie.statusCode()).isEqualTo(403);
        assertNoSessionCookie("no cookie", noCookie);
        HttpResponse<String> otherField = signIn("admin", "test-admin-password-2c8f1e", "x" + field, token);
        assertThat(otherField.statusCode()).isEqualTo(403);
        assertNoSessionCookie("another field", otherField);

        // A wrong password: back to the form with the message, still no session.
        HttpResponse<String> wrong = signIn("admin", "not-the-password", field, token);
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertNoSessionCookie("a wrong password", wrong);
        assertThat(Jsoup.parse(server.get("/login?error").body())
                        .selectFirst("#sign-in-error")
                        .text())
                .isEqualTo("Wrong user name or password.");
        assertThat(server.sessionsCreated()).isEqualTo(sessionsBefore);

        // The right password: the session begins now, and the sign-in token is dropped.
        HttpResponse<String> signedIn = signIn("admin", "test-admin-password-2c8f1e", field, token);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        List<String> cookies = signedIn.headers().allValues(HttpHeaders.SET_COOKIE);
        assertThat(cookies)
                .anyMatch(c -> c.startsWith(NewsroomSessions.COOKIE + "=")
                        && c.contains("; Path=/;")
                        && c.contains("; HttpOnly")
                        && c.contains("; SameSite=Lax")
                        && !c.contains("Max-Age"));
        assertThat(cookies).anyMatch(c -> c.startsWith("SIGN-IN-CSRF=;") && c.contains("Expires=Thu, 01 Jan 1970"));
        assertThat(server.sessionsCreated()).isEqualTo(sessionsBefore + 1);
        String session = cookies.stream()
                .filter(c -> c.startsWith(NewsroomSessions.COOKIE + "="))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> newsroom = server.send(HttpRequest.newBuilder(server.uri("/admin"))
                .header("Cookie", session.substring(0, session.indexOf(';'))));
        assertThat(newsroom.statusCode()).isEqualTo(200);
    }

    HttpResponse<String> signIn(String username, String password, String field, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password + "&_csrf="
                        + java.net.URLEncoder.encode(field, java.nio.charset.StandardCharsets.UTF_8)));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return server.send(request);
    }
}
