package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.LiveServer;
import java.net.http.HttpResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * {@code /error} asked for directly is an address with nothing at it: the 404 page, never a 500.
 * Through the real server, since that is where the container's error dispatch lives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorAddressTests {

    @Autowired
    WebServerApplicationContext context;

    @ParameterizedTest
    @ValueSource(strings = {"/error", "/error/", "/error/500", "/error?status=500"})
    void theErrorAddressRequestedDirectlyIsTheNotFoundPage(String path) throws Exception {
        HttpResponse<String> response = new LiveServer(context).get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        Document page = Jsoup.parse(response.body());
        Document notFound =
                Jsoup.parse(new LiveServer(context).get("/no-such-page-ever").body());
        assertThat(page.select("h1").text())
                .isNotBlank()
                .isEqualTo(notFound.select("h1").text());
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.body()).doesNotContain("Exception", "Whitelabel");
    }
}
