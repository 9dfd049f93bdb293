package com.bestever.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.catalina.Context;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The site on a real port (a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} test): plain
 * HTTP requests as a client sends them, and how many sessions the server has created.
 */
public final class LiveServer {

    private final WebServerApplicationContext context;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public LiveServer(WebServerApplicationContext context) {
        this.context = context;
    }

    public int port() {
        return context.getWebServer().getPort();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Sessions the server has created since it started (live or not). */
    public long sessionsCreated() {
        return tomcatContext().getManager().getSessionCounter();
    }

    /** Sessions alive now. */
    public int liveSessions() {
        return tomcatContext().getManager().getActiveSessions();
    }

    private Context tomcatContext() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        return (Context) server.getTomcat().getHost().findChildren()[0];
    }
}
