package com.bestever.system;

import static com.bestever.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.article.Article;
import com.bestever.support.LiveServer;
import com.bestever.support.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A kept page is answered by Tomcat before the filters ({@link KeptPages}), on a real server: the
 * same bytes and headers as the rendering, a 304 for a reader who has them, counted in the request
 * metrics under its route; anything but a plain reader's request goes through the filters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeptPagesTests {

    /** What the filters put on every public page; a page answered before them must carry them too. */
    static final List<String> SAME_HEADERS = List.of(
            "Content-Type",
            "Content-Security-Policy",
            "Referrer-Policy",
            "Permissions-Policy",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "X-XSS-Protection",
            "Cache-Control",
            "Surrogate-Key",
            "Vary",
            "ETag",
            "Content-Length");

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    TestData data;

    @Autowired
    PublicPageCache cache;

    @Autowired
    KeptPages keptPages;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationEventPublisher events;

    LiveServer server;
    Article review;
    String path;

    @BeforeEach
    void server() {
        server = new LiveServer(context);
        review = data.publishedReview();
        path = "/reviews/" + review.getSlug();
    }

    HttpResponse<String> fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return server.send(request);
    }

    @Test
    void aKeptPageIsAnsweredBeforeTheFiltersWithTheRenderingsBytesAndHeaders() throws Exception {
        long rendersBefore = cache.renders();
        long answeredBefore = keptPages.answered();

        HttpResponse<String> rendered = fetch(path);
        assertThat(cache.renders()).isEqualTo(rendersBefore + 1);
        assertThat(keptPages.answered()).isEqualTo(answeredBefore);

        HttpResponse<String> kept = fetch(path);
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(cache.renders()).isEqualTo(rendersBefore + 1);
        assertThat(keptPages.answered()).isEqualTo(answeredBefore + 1);
        assertThat(kept.body()).isEqualTo(rendered.body());
        for (String header : SAME_HEADERS) {
            assertThat(kept.headers().allValues(header))
                    .as(header)
                    .isNotEmpty()
                    .isEqualTo(rendered.headers().allValues(header));
        }
        assertThat(kept.headers().allValues("Set-Cookie")).isEmpty();
        Document page = Jsoup.parse(kept.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo(review.getTitle());
    }

    @Test
    void aReaderWhoHasThePageGetsA304AndAHeadGetsNoBody() throws Exception {
        String etag = fetch(path).headers().firstValue("ETag").orElseThrow();
        long answeredBefore = keptPages.answered();

        HttpResponse<String> again = fetch(path, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(eventually(() -> meters.find("http.server.requests")
                        .tag("uri", "/reviews/{slug}")
                        .tag("status", "304")
                        .tag("outcome", "REDIRECTION")
                        .timer()))
                .as("a 304 counted under its own status")
                .isNotNull();

        HttpResponse<String> head = server.send(
                HttpRequest.newBuilder(server.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("ETag")).contains(etag);
        assertThat(keptPages.answered()).isEqualTo(answeredBefore + 2);
    }

    @Test
    void theFirstPageOfAListingIsOneKeptPageWithOrWithoutItsNumber() throws Exception {
        fetch("/");
        long rendersBefore = cache.renders();
        long answeredBefore = keptPages.answered();

        HttpResponse<String> numbered = fetch("/?page=1");

        assertThat(numbered.statusCode()).isEqualTo(200);
        assertThat(cache.renders()).isEqualTo(rendersBefore);
        assertThat(keptPages.answered()).isEqualTo(answeredBefore + 1);
    }

    @Test
    void answersAreCountedInTheRequestMetricsUnderTheRoute() throws Exception {
        fetch(path);
        Timer reviews = meters.find("http.server.requests")
                .tag("uri", "/reviews/{slug}")
                .tag("method", "GET")
                .tag("status", "200")
                .timer();
        assertThat(reviews).isNotNull();
        long before = reviews.count();
        long answeredBefore = keptPages.answered();

        fetch(path);
        fetch(path);

        assertThat(keptPages.answered()).isEqualTo(answeredBefore + 2);
        assertThat(eventually(() -> reviews.count() == before + 2 ? true : null))
                .isTrue();
    }

    @Test
    void aSessionCookieAnEncodedPathOrAnotherQueryGoThroughTheFiltersButAreNotRenderedAgain() throws Exception {
        HttpResponse<String> rendered = fetch(path);
        long rendersBefore = cache.renders();
        long answeredBefore = keptPages.answered();

        HttpResponse<String> madeUpSession = fetch(path, "Cookie", "SESSION=bWFkZS11cA");
        HttpResponse<String> encoded = fetch(path.replace("-", "%2D"));
        HttpResponse<String> query = fetch(path + "?utm_source=feed");

        for (HttpResponse<String> response : List.of(madeUpSession, encoded, query)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(rendered.body());
            assertThat(response.headers().allValues("Content-Security-Policy"))
                    .isEqualTo(rendered.headers().allValues("Content-Security-Policy"));
        }
        assertThat(keptPages.answered()).isEqualTo(answeredBefore);
        assertThat(cache.renders()).isEqualTo(rendersBefore);
    }

    @Test
    void aChangedReviewIsRenderedAgainNotAnsweredFromMemory() throws Exception {
        fetch(path);
        long rendersBefore = cache.renders();
        long answeredBefore = keptPages.answered();

        events.publishEvent(new ContentChanged(ContentChanged.Kind.REVIEW, review.getId()));
        fetch(path);

        assertThat(cache.renders()).isEqualTo(rendersBefore + 1);
        assertThat(keptPages.answered()).isEqualTo(answeredBefore);
    }
}
