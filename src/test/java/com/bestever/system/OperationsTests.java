package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.support.SiteTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What operators get: public health probes, and build info and metrics for a scraper with the token. */
@SiteTest
class OperationsTests {

    private static final String TOKEN = "Bearer test-metrics-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Test
    void healthAndItsProbesArePublicAndSessionless() throws Exception {
        for (String path :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            MockHttpServletResponse response =
                    mvc.perform(get(path)).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            assertThat(response.getContentAsString()).as(path).contains("\"status\":\"UP\"");
            assertThat(response.getHeader("Set-Cookie")).as(path).isNull();
        }
    }

    @Test
    void readinessIncludesTheDatabase() throws Exception {
        String readiness = mvc.perform(get("/actuator/health/readiness").header("Authorization", TOKEN))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(readiness).contains("\"readinessState\"", "\"db\"", "\"voteWriter\"");
    }

    @Test
    void metricsAndInfoNeedTheToken() throws Exception {
        for (String path :
                new String[] {"/actuator/prometheus", "/actuator/info", "/actuator/env", "/actuator/beans"}) {
            assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus())
                    .as(path)
                    .isIn(401, 404);
            assertThat(mvc.perform(get(path).header("Authorization", "Bearer wrong"))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(path)
                    .isIn(401, 403, 404);
        }
    }

    @Test
    void prometheusShowsRequestLatencyPerRoute() throws Exception {
        mvc.perform(get("/reviews/the-400-blows"));

        String metrics = mvc.perform(get("/actuator/prometheus").header("Authorization", TOKEN))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(metrics).contains("http_server_requests_seconds_bucket").contains("uri=\"/reviews/{slug}\"");
    }

    @Test
    void infoShowsTheBuildVersionAndTheGitCommitItWasBuiltFrom() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/actuator/info").header("Authorization", TOKEN))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode info = json.readTree(response.getContentAsString());

        // spring-boot-maven-plugin's build-info and git-commit-id-maven-plugin's git.properties.
        assertThat(info.path("build").path("version").asString()).isNotBlank();
        assertThat(info.path("build").path("artifact").asString()).isEqualTo("bestever");
        assertThat(info.path("git").path("commit").path("id").asString()).matches("[0-9a-f]{7,40}");
        assertThat(info.path("java").path("version").asString()).isNotBlank();
    }
}
