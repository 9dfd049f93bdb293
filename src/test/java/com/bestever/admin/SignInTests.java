package com.bestever.admin;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.MutableClock;
import com.bestever.support.SessionCookies;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Signing in to the newsroom at /login, as a new editor would. Every test signs in from its own
 * client address, because the throttle counts failures per address for the whole test run.
 */
@SiteTest
class SignInTests {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-admin-password-2c8f1e";

    private static final AtomicInteger addresses = new AtomicInteger();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    Accounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A client address no other test signs in from. */
    static String newAddress() {
        int n = addresses.incrementAndGet();
        return "10.20." + (n / 250) + "." + (n % 250 + 1);
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    MvcResult signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login")
                        .param("username", username)
                        .param("password", password)
                        .with(csrf())
                        .with(from(address)))
                .andReturn();
    }

    /** The sign-in page the browser is sent back to after a failed sign-in (which kept no session). */
    Document pageAfter(MvcResult failed) throws Exception {
        String back = failed.getResponse().getRedirectedUrl();
        assertThat(back).startsWith("/login?");
        assertThat(failed.getRequest().getSession(false)).isNull();
        assertThat(failed.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                .noneMatch(c -> c.startsWith(NewsroomSessions.COOKIE));
        return page(mvc.perform(get(back)).andExpect(status().isOk()));
    }

    /**
     * The cookies a GET of /login set, to send back: the sign-in form's CSRF cookie (under MockMvc,
     * whose test security support starts a session, the session's instead).
     */
    static Cookie[] cookiesOf(MvcResult shown) {
        return shown.getResponse().getHeaders(HttpHeaders.SET_COOKIE).stream()
                .map(header -> header.substring(0, header.indexOf(';') < 0 ? header.length() : header.indexOf(';')))
                .map(pair -> new Cookie(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)))
                .toArray(Cookie[]::new);
    }

    static String errorOn(Document page) {
        assertThat(page.select("#sign-in-error"))
                .as(page.select("main").outerHtml())
                .hasSize(1);
        return page.selectFirst("#sign-in-error").text();
    }

    @Test
    void anonymousVisitorsAreSentToTheSignInPage() throws Exception {
        for (String path : new String[] {
            "/admin",
            "/admin/films",
            "/admin/films/new",
            "/admin/accounts",
            "/admin/account/password",
            "/admin/articles"
        }) {
            mvc.perform(get(path)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        }
    }

    @Test
    void theSignInPageIsNeitherIndexedNorStoredAndCarriesACsrfToken() throws Exception {
        var response = mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn()
                .getResponse();
        Document page = page(response);
        assertThat(page.select("meta[name=robots]").attr("content")).contains("noindex");
        var form = page.selectFirst("form[action=/login]");
        assertThat(form.attr("method")).isEqualToIgnoringCase("post");
        assertThat(form.select("input[name=username]")).hasSize(1);
        assertThat(form.select("input[type=password][name=password]")).hasSize(1);
        assertThat(form.selectFirst("input[type=hidden][name=_csrf]").val()).isNotBlank();
    }

    /**
     * The form is rendered once and kept, each visitor's token spliced in: every visitor gets a
     * token of its own that signs in with its own cookie only, and each message shows only where asked.
     */
    @Test
    void everyVisitorOfTheKeptSignInFormGetsItsOwnToken() throws Exception {
        MvcResult first = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn();
        MvcResult second = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn();
        String firstField = page(first.getResponse())
                .selectFirst("input[type=hidden][name=_csrf]")
                .val();
        String secondField = page(second.getResponse())
                .selectFirst("input[type=hidden][name=_csrf]")
                .val();
        Cookie[] firstCookies = cookiesOf(first);
        Cookie[] secondCookies = cookiesOf(second);
        assertThat(firstField).isNotBlank().isNotEqualTo(secondField);
        assertThat(firstCookies).isNotEmpty();
        assertThat(secondCookies).isNotEmpty();
        assertThat(first.getResponse().getContentAsString().replace(firstField, ""))
                .isEqualTo(second.getResponse().getContentAsString().replace(secondField, ""));
        assertThat(second.getResponse().getHeader("Content-Language"))
                .isNotNull()
                .isEqualTo(first.getResponse().getHeader("Content-Language"));

        // Compressed for a browser that accepts gzip (once, when kept): the same form, a token of its own.
        MvcResult zipped = mvc.perform(get("/login").header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate, br"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_ENCODING, "gzip"))
                .andReturn();
        String unzipped;
        try (var in = new GZIPInputStream(
                new ByteArrayInputStream(zipped.getResponse().getContentAsByteArray()))) {
            unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String zippedField = Jsoup.parse(unzipped)
                .selectFirst("input[type=hidden][name=_csrf]")
                .val();
        assertThat(zippedField).isNotBlank().isNotEqualTo(firstField).isNotEqualTo(secondField);
        assertThat(unzipped.replace(zippedField, ""))
                .isEqualTo(first.getResponse().getContentAsString().replace(firstField, ""));

        // One visitor's field with the other's cookie: refused; with its own: signed in.
        String address = newAddress();
        mvc.perform(post("/login")
                        .param("username", ADMIN)
                        .param("password", ADMIN_PASSWORD)
                        .param("_csrf", firstField)
                        .cookie(secondCookies)
                        .with(from(address)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/login")
                        .param("username", ADMIN)
                        .param("password", ADMIN_PASSWORD)
                        .param("_csrf", secondField)
                        .cookie(secondCookies)
                        .with(from(address)))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin"));

        // The kept variants: each message on its own address only.
        assertThat(errorOn(page(mvc.perform(get("/login?error")).andExpect(status().isOk()))))
                .isEqualTo(LoginController.WRONG);
        assertThat(page(mvc.perform(get("/login"))).select("#sign-in-error, .flash"))
                .isEmpty();
        Document signedOut = page(mvc.perform(get("/login?signed-out")));
        assertThat(signedOut.select("#sign-in-error")).isEmpty();
        assertThat(signedOut.selectFirst(".flash").text()).isEqualTo("You have signed out.");
    }

    @Test
    void signingInGivesASessionTheBrowserAlreadyHadANewId() throws Exception {
        Cookie before = SessionCookies.forId(anonymousSession());
        MvcResult signedIn = mvc.perform(post("/login")
                        .cookie(before)
                        .param("username", ADMIN)
                        .param("password", ADMIN_PASSWORD)
                        .with(csrf())
                        .with(from(newAddress())))
                .andExpect(redirectedUrl("/admin"))
                .andReturn();
        Cookie after = SessionCookies.of(signedIn);
        assertThat(SessionCookies.id(after)).isNotEqualTo(SessionCookies.id(before));
        assertThat(SessionCookies.known(jdbc, before))
                .as("the id the browser had before is no more")
                .isFalse();
        assertThat(SessionCookies.known(jdbc, after)).isTrue();
    }

    @Autowired
    SessionRepository<? extends Session> sessionRepository;

    /** A session the server knows that holds no sign-in (no page of the site makes one: made here). */
    String anonymousSession() {
        return save(sessionRepository);
    }

    static <S extends Session> String save(SessionRepository<S> repository) {
        S session = repository.createSession();
        repository.save(session);
        return session.getId();
    }

    @Test
    void theConfiguredAdministratorSignsInAndSeesTheNewsroom() throws Exception {
        MvcResult signedIn = signIn(ADMIN, ADMIN_PASSWORD, newAddress());
        assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/admin");
        Cookie session = SessionCookies.of(signedIn);

        var response = mvc.perform(get("/admin").cookie(session))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn()
                .getResponse();
        Document page = page(response);
        assertThat(page.selectFirst(".signed-in-as").text()).contains("(admin)").contains("Administrator");
        assertThat(page.select("meta[name=robots]").attr("content")).contains("noindex");
        assertThat(page.select(".desks a[href=/admin/accounts]")).hasSize(1);
    }

    @Test
    void userNamesAreNotCaseSensitive() throws Exception {
        assertThat(signIn("ADMIN", ADMIN_PASSWORD, newAddress()).getResponse().getRedirectedUrl())
                .isEqualTo("/admin");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        // The settings Spring Session writes its cookie with (AnonymousStateTests reads the real cookie).
        assertThat(sessionCookieSetting("http-only")).isEqualTo("true");
        assertThat(sessionCookieSetting("same-site")).isEqualTo("lax");
        assertThat(sessionCookieSetting("secure")).isEqualTo("false");
    }

    @Autowired
    Environment environment;

    String sessionCookieSetting(String name) {
        return environment.getProperty("server.servlet.session.cookie." + name);
    }

    @Test
    void aWrongPasswordShowsAnErrorAndSignsNobodyIn() throws Exception {
        MvcResult failed = signIn(ADMIN, "not-the-password", newAddress());
        assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(errorOn(pageAfter(failed))).isEqualTo("Wrong user name or password.");
    }

    @Test
    void anUnknownUserNameGetsTheSameAnswerAsAWrongPassword() throws Exception {
        MvcResult unknown = signIn(TestData.unique("nobody"), "whatever-password", newAddress());
        assertThat(errorOn(pageAfter(unknown))).isEqualTo("Wrong user name or password.");
    }

    @Test
    void aVeryLongPasswordIsJustAWrongPassword() throws Exception {
        // BCrypt reads 72 bytes at most; a longer password must not become a 500.
        MvcResult failed = signIn(ADMIN, "x".repeat(500), newAddress());
        assertThat(errorOn(pageAfter(failed))).isEqualTo("Wrong user name or password.");
    }

    @Test
    void signingInWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login")
                        .param("username", ADMIN)
                        .param("password", ADMIN_PASSWORD)
                        .with(from(newAddress())))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAdminFormPostedWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/admin/films/new").param("title", "No Token").with(testAccounts.signedIn(Role.EDITOR)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/account/password")
                        .param("currentPassword", TestAccounts.PASSWORD)
                        .param("newPassword", "another-long-password")
                        .param("repeatPassword", "another-long-password")
                        .with(testAccounts.signedIn(Role.WRITER)))
                .andExpect(status().isForbidden());
    }

    @Test
    void signingOutIsAPostThatEndsTheSession() throws Exception {
        MvcResult signedIn = signIn(ADMIN, ADMIN_PASSWORD, newAddress());
        Cookie session = SessionCookies.of(signedIn);
        mvc.perform(get("/admin").cookie(session)).andExpect(status().isOk());

        mvc.perform(post("/logout").cookie(session)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?signed-out"));

        mvc.perform(get("/admin").cookie(session)).andExpect(redirectedUrl("/login"));
        Document page = page(mvc.perform(get("/login?signed-out")));
        assertThat(page.selectFirst(".flash").text()).isEqualTo("You have signed out.");
    }

    @Test
    void aDisabledAccountCannotSignIn() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        Account admin = accounts.findByUsername(ADMIN).orElseThrow();
        accounts.setEnabled(writer.getId(), false, new SignedIn(admin));

        // Only someone who knows the password learns that the account is disabled.
        assertThat(errorOn(pageAfter(signIn(writer.getUsername(), "wrong-password", newAddress()))))
                .isEqualTo("Wrong user name or password.");
        MvcResult refused = signIn(writer.getUsername(), TestAccounts.PASSWORD, newAddress());
        assertThat(errorOn(pageAfter(refused))).isEqualTo(LoginController.DISABLED);

        accounts.setEnabled(writer.getId(), true, new SignedIn(admin));
        assertThat(signIn(writer.getUsername(), TestAccounts.PASSWORD, newAddress())
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/admin");
    }

    @Test
    void aSignedInVisitorOfTheSignInPageGoesToTheNewsroom() throws Exception {
        mvc.perform(get("/login").with(testAccounts.signedIn(Role.WRITER))).andExpect(redirectedUrl("/admin"));
    }

    @Test
    void disablingAnAccountEndsTheSessionItAlreadyHas() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        MvcResult signedIn = signIn(editor.getUsername(), TestAccounts.PASSWORD, newAddress());
        Cookie session = SessionCookies.of(signedIn);
        mvc.perform(get("/admin").cookie(session)).andExpect(status().isOk());

        Account admin = accounts.findByUsername(ADMIN).orElseThrow();
        accounts.setEnabled(editor.getId(), false, new SignedIn(admin));

        mvc.perform(get("/admin/films").cookie(session)).andExpect(redirectedUrl("/login?disabled"));
        assertThat(SessionCookies.known(jdbc, session)).isFalse();
        Document page = page(mvc.perform(get("/login").param("disabled", "")));
        assertThat(errorOn(page)).isEqualTo(LoginController.DISABLED);
    }

    @Test
    void everyFormOnTheNewsroomPagesCarriesACsrfToken() throws Exception {
        var admin = testAccounts.signedIn(Role.ADMIN);
        Account someone = testAccounts.account(Role.WRITER);
        for (String path : new String[] {
            "/admin",
            "/admin/accounts",
            "/admin/accounts/new",
            "/admin/accounts/" + someone.getId(),
            "/admin/account/password",
            "/admin/films",
            "/admin/films/new",
            "/admin/authors/new",
            "/admin/genres/new"
        }) {
            Document page = page(mvc.perform(get(path).with(admin)).andExpect(status().isOk()));
            var forms = page.select("form[method=post]");
            assertThat(forms).as(path).isNotEmpty();
            forms.forEach(form -> assertThat(form.select("input[type=hidden][name=_csrf]"))
                    .as(path + " " + form.attr("action"))
                    .hasSize(1));
            assertThat(page.select("meta[name=robots]").attr("content"))
                    .as(path)
                    .contains("noindex");
        }
    }
}
