package com.bestever.admin;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import java.io.IOException;
import java.net.ServerSocket;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A CDN that refuses every purge (here: nobody answers at its address) never fails an editor's
 * save, and the newsroom's front page says so until a purge succeeds again.
 */
@SpringBootTest(
        properties = {
            "bestever.cdn.purger=http",
            "bestever.cdn.purge-after=50ms",
            "bestever.cdn.purge-again-after=50ms",
            "bestever.cdn.attempts=2",
            "bestever.cdn.first-retry=50ms"
        })
@AutoConfigureMockMvc
class PurgeFailureNoticeTests {

    @DynamicPropertySource
    static void deadCdn(DynamicPropertyRegistry registry) {
        int port = closedPort();
        registry.add("bestever.cdn.purge-url", () -> "http://127.0.0.1:" + port + "/");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Test
    void theNewsroomIsToldThatTheCdnRefusesPurges() throws Exception {
        data.publishedReview(); // saved, whatever the CDN says

        Document after = page(mvc.perform(get("/admin").with(accounts.signedIn(Role.EDITOR))));
        long deadline = System.currentTimeMillis() + 10_000;
        while (after.select(".cdn-failing").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            after = page(mvc.perform(get("/admin").with(accounts.signedIn(Role.EDITOR))));
        }
        assertThat(after.select(".cdn-failing").text()).contains("The CDN refuses purges", "no answer");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
