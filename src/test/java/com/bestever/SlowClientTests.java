package com.bestever;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bestever.support.LiveServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Clients that send their request body one byte at a time hold nothing: with twice as many of
 * them as there are request threads, the review page is still answered at once, and each slow
 * connection is answered 408 and closed by the deadline. A body too big for its route is 413
 * before it is sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowClientTests {

    static final String REVIEW = "/reviews/the-400-blows";
    /** The deadline (bestever.request-body.deadline) and the read timeout, with room for a busy machine. */
    static final long CLOSED_WITHIN_MILLIS = 5_000;

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Value("${server.tomcat.threads.max}")
    int requestThreads;

    LiveServer server;

    @BeforeEach
    void server() {
        server = new LiveServer(context);
    }

    /** One connection that sends its headers, then one byte of its body every half second. */
    record SlowBody(String status, long closedAfterMillis) {}

    SlowBody slowBody(String path, String contentType) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                            + "\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (millisSince(started) < 15_000) {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    // the server closed its side: read what it answered
                }
                try {
                    int n = in.read(buffer);
                    if (n == -1) {
                        break;
                    }
                    answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                } catch (SocketTimeoutException stillOpen) {
                    // nothing yet: send the next byte
                } catch (IOException reset) {
                    break;
                }
            }
            String statusLine = answer.isEmpty()
                    ? "(nothing)"
                    : answer.toString().lines().findFirst().orElse("");
            return new SlowBody(statusLine, millisSince(started));
        }
    }

    static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    @Test
    void twiceAsManySlowBodiesAsRequestThreadsLeaveTheReviewPageAnsweredAtOnce() throws Exception {
        assumeTrue(
                Runtime.version().feature() >= 21,
                "SKIPPED: on Java " + Runtime.version().feature() + " request threads are platform threads, and a"
                        + " body being read holds one until its deadline; run on Java 21+ (virtual threads)");
        String pollId = jdbc.sql("select q.id from vote_question q join article a on a.id = q.article_id"
                        + " where a.slug = 'the-400-blows'")
                .query(String.class)
                .single();
        assertThat(server.get(REVIEW).statusCode()).isEqualTo(200); // kept before the slow clients come

        int slow = 2 * requestThreads;
        ExecutorService clients = Executors.newFixedThreadPool(slow);
        try {
            List<Future<SlowBody>> connections = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                String path = i % 2 == 0 ? "/login" : "/polls/" + pollId + "/votes";
                connections.add(clients.submit(() -> slowBody(path, "application/x-www-form-urlencoded")));
            }
            Thread.sleep(500); // every slow connection has sent its headers and is sending its body

            List<Long> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                HttpResponse<String> review = server.get(REVIEW);
                answers.add(millisSince(started));
                assertThat(review.statusCode()).isEqualTo(200);
                Thread.sleep(100);
            }
            assertThat(answers)
                    .as("the review page's answer times (ms) while %d slow bodies are sent", slow)
                    .allMatch(millis -> millis < 100);

            for (Future<SlowBody> connection : connections) {
                SlowBody result = connection.get(20, TimeUnit.SECONDS);
                assertThat(result.status()).isEqualTo("HTTP/1.1 408 ");
                assertThat(result.closedAfterMillis()).isLessThan(CLOSED_WITHIN_MILLIS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aSignInOrAVoteTooBigForItsRouteIsRefusedBeforeItIsSent() throws Exception {
        for (String path : new String[] {"/login", "/polls/1/votes"}) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream()
                        .write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                                        + "Content-Length: 100000\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).as(path).startsWith("HTTP/1.1 413 ");
            }
        }
    }
}
