package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.BestEverApplication;
import com.bestever.support.LiveServer;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Ready means ready: on a fresh database the web server opens before the sample content is
 * loaded, but readiness stays DOWN until migrations and the sample content are in; meanwhile public
 * pages answer 503 with Retry-After (never "No reviews are published yet." of a site that has
 * them) and nothing is kept.
 */
class ReadinessTests {

    /** Held before the other start-up runners (the sample content among them) until the test lets go. */
    static final class Gate implements ApplicationRunner, Ordered {

        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        public void run(org.springframework.boot.ApplicationArguments args) throws Exception {
            reached.countDown();
            open.await(60, TimeUnit.SECONDS);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    @Test
    void readinessWaitsForTheSampleContentAndNothingRenderedBeforeIsKept() throws Exception {
        Gate gate = new Gate();
        AtomicReference<ConfigurableApplicationContext> starting = new AtomicReference<>();
        CompletableFuture<ConfigurableApplicationContext> started =
                CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(BestEverApplication.class)
                        .initializers(context -> {
                            starting.set(context);
                            context.getBeanFactory().registerSingleton("readinessTestGate", gate);
                        })
                        .run(
                                "--server.port=0",
                                // A database of its own, empty: the sample content is what it starts with.
                                "--bestever.embedded-database.data-directory=target/embedded-postgres-readiness",
                                "--bestever.embedded-database.clean-on-start=true"));
        try {
            assertThat(gate.reached.await(120, TimeUnit.SECONDS))
                    .as("started up to the runners")
                    .isTrue();
            ConfigurableApplicationContext context = starting.get();
            LiveServer server = new LiveServer((WebServerApplicationContext) context);

            HttpResponse<String> readiness = server.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            // A reader now is asked to come back shortly, never shown an empty site...
            for (String path : new String[] {"/", "/reviews/the-400-blows"}) {
                HttpResponse<String> early = server.get(path);
                assertThat(early.statusCode()).as(path).isEqualTo(503);
                assertThat(early.headers().firstValue("Retry-After")).as(path).hasValue("5");
                assertThat(Jsoup.parse(early.body()).select("p.empty")).as(path).isEmpty();
            }
            // ...and nothing is kept.
            assertThat(context.getBean(PublicPageCache.class).tagsOf("/")).isNull();

            gate.open.countDown();
            started.get(120, TimeUnit.SECONDS);

            assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            HttpResponse<String> home = server.get("/");
            assertThat(Jsoup.parse(home.body()).select("p.empty")).isEmpty();
            assertThat(home.body()).contains("The 400 Blows");
            assertThat(context.getBean(PublicPageCache.class).tagsOf("/"))
                    .as("kept once ready")
                    .isNotNull();
        } finally {
            gate.open.countDown();
            started.thenAccept(ConfigurableApplicationContext::close);
        }
    }
}
