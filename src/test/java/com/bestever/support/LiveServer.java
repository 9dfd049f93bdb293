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
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

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

    /**
     * Sessions on the server: those the servlet container has created since it started (there
     * should be none: sessions are Spring Session's), plus the editors' sessions in the shared
     * session table now.
     */
    public long sessionsCreated() {
        long rows = ((ApplicationContext) context)
                .getBean(JdbcClient.class)
                .sql("select count(*) from spring_session")
                .query(Long.class)
                .single();
        return tomcatContext().getManager().getSessionCounter() + rows;
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
