package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A redirect never sends the browser to the host a request claimed: redirects are relative, so a
 * forged {@code Host} header (cache poisoning, password-reset style phishing) leads nowhere.
 * Through the real server, since that is where absolute redirects would be made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostHeaderTests {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/admin", "/admin/articles", "/reviews/the-400-blows/", "/polls/1"})
    void redirectsIgnoreAForgedHost(String path) throws IOException {
        String response = exchange("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

        String location = response.lines()
                .filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
                .findFirst()
                .orElse("");
        assertThat(response).doesNotContainIgnoringCase("evil.example");
        if (!location.isEmpty()) {
            assertThat(location.substring(9).strip()).startsWith("/");
        }
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
