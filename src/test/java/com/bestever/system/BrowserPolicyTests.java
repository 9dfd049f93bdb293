package com.bestever.system;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.support.SiteTest;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Every response carries the browser policy, a page replayed from the cache as much as a fresh one. */
@SiteTest
class BrowserPolicyTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Scripts scripts;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/reviews/the-400-blows",
                "/films/the-400-blows",
                "/best-ever/coming-of-age",
                "/search?q=truffaut",
                "/polls/1/results",
                "/login",
                "/feed.xml",
                "/no-such-page",
                "/reviews/no-such-review",
                "/favicon.svg"
            })
    void everyResponseCarriesThePolicyOnce(String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();

        assertPolicy(response);
    }

    @Test
    void aPageReplayedFromTheCacheCarriesThePolicyToo() throws Exception {
        events.publishEvent(ContentChanged.everything());
        MockHttpServletResponse rendered =
                mvc.perform(get("/reviews/the-400-blows")).andReturn().getResponse();
        MockHttpServletResponse kept =
                mvc.perform(get("/reviews/the-400-blows")).andReturn().getResponse();

        assertThat(kept.getHeader("ETag")).isEqualTo(rendered.getHeader("ETag"));
        assertPolicy(kept);
    }

    @Test
    void hstsOnlyOverHttps() throws Exception {
        assertThat(mvc.perform(get("/")).andReturn().getResponse().getHeader("Strict-Transport-Security"))
                .isNull();
        assertThat(mvc.perform(get("/").secure(true)).andReturn().getResponse().getHeader("Strict-Transport-Security"))
                .startsWith("max-age=");
    }

    /** The policy allows no inline script and no style attribute: the pages must need none. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/reviews/the-400-blows",
                "/films/the-400-blows",
                "/best-ever/coming-of-age",
                "/polls/1/results",
                "/login"
            })
    void pagesNeedNoInlineScriptOrStyle(String path) throws Exception {
        Document page = page(mvc.perform(get(path)));

        assertThat(page.select("[style]")).as("style attributes").isEmpty();
        assertThat(page.select("style")).as("style elements").isEmpty();
        assertThat(page.select("script:not([src]):not([type=application/ld+json])"))
                .as("inline scripts")
                .isEmpty();
        assertThat(page.getAllElements().stream()
                        .flatMap(element -> element.attributes().asList().stream())
                        .filter(attribute -> attribute.getKey().startsWith("on")))
                .as("event handler attributes")
                .isEmpty();
    }

    /** Scripts run only by the hash of the site's own files, which each script tag declares. */
    @Test
    void scriptsAreAllowedByTheHashTheirTagsDeclare() throws Exception {
        Document review = page(mvc.perform(get("/reviews/the-400-blows")));
        var script = review.selectFirst("script[src*=poll]");
        assertThat(script).as("the poll's script").isNotNull();
        byte[] served =
                mvc.perform(get(script.attr("src"))).andReturn().getResponse().getContentAsByteArray();
        String hash = "sha256-"
                + java.util.Base64.getEncoder()
                        .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(served));

        assertThat(script.attr("integrity")).isEqualTo(hash);
        String policy = mvc.perform(get("/")).andReturn().getResponse().getHeader("Content-Security-Policy");
        String scriptSources =
                policy.substring(policy.indexOf("script-src "), policy.indexOf(';', policy.indexOf("script-src ")));
        assertThat(scriptSources).contains("'" + hash + "'").doesNotContain("'self'");
    }

    private void assertPolicy(MockHttpServletResponse response) {
        assertThat(response.getHeaders("Content-Security-Policy"))
                .containsExactly(BrowserPolicy.contentSecurityPolicy(scripts));
        assertThat(response.getHeader("Content-Security-Policy"))
                .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(response.getHeaders("Referrer-Policy")).containsExactly("strict-origin-when-cross-origin");
        assertThat(response.getHeaders("Permissions-Policy")).containsExactly(BrowserPolicy.PERMISSIONS_POLICY);
        assertThat(response.getHeaders("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.getHeaders("X-Frame-Options")).containsExactly("DENY");
    }
}
