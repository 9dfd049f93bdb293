package com.bestever.admin;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.bestever.seo.NuHtmlChecker;
import com.bestever.support.MutableClock;
import com.bestever.support.SessionCookies;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Two factors as an editor meets them over HTTP: the authenticator app enrolled from its page
 * (the secret read off it), signing in with a computed code, a replayed and a wrong code refused,
 * recovery codes good once, a role that requires two factors, an administrator's reset; and the
 * audit log's entry for each.
 */
@SiteTest
class SecondFactorTests {

    /** A whole time step, so the tests choose which code is current. */
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        TestSecurityContextHolder.clearContext();
        clock.reset();
        jdbc.sql("delete from second_factor_role").update();
    }

    /** One browser: its session cookie (a new one after each sign-in step) and its address. */
    class Browser {

        final String address = SignInTests.newAddress();
        Cookie session;

        MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
            request.with(SignInTests.from(address));
            if (session != null) {
                request.cookie(session);
            }
            MvcResult result = mvc.perform(request).andReturn();
            // Each request on its own, as on a server: a sign-in made in this request (on the test's
            // thread, which Spring Security's test support shares between requests) stays with it.
            TestSecurityContextHolder.clearContext();
            Cookie set = result.getResponse().getCookie(NewsroomSessions.COOKIE);
            if (set != null) {
                session = set.getMaxAge() == 0 ? null : new Cookie(set.getName(), set.getValue());
            }
            return result;
        }

        MvcResult get(String path) throws Exception {
            return perform(MockMvcRequestBuilders.get(path));
        }

        MvcResult post(String path, String... params) throws Exception {
            MockHttpServletRequestBuilder request =
                    MockMvcRequestBuilders.post(path).with(csrf());
            for (int i = 0; i < params.length; i += 2) {
                request.param(params[i], params[i + 1]);
            }
            return perform(request);
        }

        /** The password step: answers where the newsroom's home then sends the browser. */
        String signIn(Account account) throws Exception {
            assertThat(post("/login", "username", account.getUsername(), "password", TestAccounts.PASSWORD)
                            .getResponse()
                            .getRedirectedUrl())
                    .isEqualTo("/admin");
            MvcResult home = get("/admin");
            return home.getResponse().getStatus() == 200
                    ? "/admin"
                    : home.getResponse().getRedirectedUrl();
        }

        void signOut() throws Exception {
            post("/logout");
            session = null;
        }
    }

    /** Static imports would shadow Browser's own get/post. */
    static final class MockMvcRequestBuilders {
        static MockHttpServletRequestBuilder get(String path) {
            return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path);
        }

        static MockHttpServletRequestBuilder post(String path) {
            return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path);
        }
    }

    long audits(Account account, AuditKind kind) {
        return jdbc.sql(
                        "select count(*) from audit_entry where kind = ? and subject_type = 'account' and subject_id = ?")
                .params(kind.code(), account.getId())
                .query(Long.class)
                .single();
    }

    /** Enrols the authenticator app from its page, as a person with the app would: answers the secret and the recovery codes. */
    record Enrolled(byte[] secret, List<String> recoveryCodes) {}

    Enrolled enrolApp(Browser browser) throws Exception {
        MvcResult enrolment = browser.get(SecondFactorController.PATH + "/app");
        assertThat(enrolment.getResponse().getStatus()).isEqualTo(200);
        Document page = page(enrolment.getResponse());
        assertThat(page.select(".qr svg path"))
                .as("a QR code drawn on the server")
                .hasSize(1);
        byte[] secret = Base32.decode(page.selectFirst("#app-secret").text());
        assertThat(secret).hasSize(20);

        // A wrong first code does not switch it on.
        Document wrong = page(browser.post(SecondFactorController.PATH + "/app", "code", otherThan(secret))
                .getResponse());
        assertThat(wrong.select("[role=alert]").text()).contains("not the one the app shows now");

        MvcResult on = browser.post(
                SecondFactorController.PATH + "/app", "code", Totp.code(secret, Totp.step(clock.instant())));
        Document codes = page(on.getResponse());
        List<String> recoveryCodes = codes.select(".recovery-codes code").eachText();
        assertThat(recoveryCodes).hasSize(SecondFactors.RECOVERY_CODES).doesNotHaveDuplicates();
        return new Enrolled(secret, recoveryCodes);
    }

    /** Signs in with the password (no factor yet) and switches the authenticator app on. */
    Enrolled signInAndEnrol(Browser browser, Account account) throws Exception {
        assertThat(browser.signIn(account)).isEqualTo("/admin");
        return enrolApp(browser);
    }

    static String otherThan(byte[] secret) {
        return "000000".equals(Totp.code(secret, Totp.step(NOW))) ? "111111" : "000000";
    }

    @Test
    void enrolTheAppThenSignInWithItsCodeAReplayedOrWrongCodeIsRefused() throws Exception {
        clock.set(NOW);
        Account editor = testAccounts.account(Role.EDITOR);
        Browser browser = new Browser();
        assertThat(browser.signIn(editor))
                .as("no second factor yet: the password is enough")
                .isEqualTo("/admin");
        Enrolled app = enrolApp(browser);
        assertThat(audits(editor, AuditKind.FACTOR_ADDED)).isEqualTo(1);
        browser.signOut();

        // The password alone no longer opens the newsroom: the second step is asked for.
        assertThat(browser.signIn(editor)).startsWith(SecondFactorCodeSignIn.PATH + "?factor");
        Document step = page(browser.get(SecondFactorCodeSignIn.PATH).getResponse());
        assertThat(step.select("form[action=/login/second-factor] input[name=code]"))
                .hasSize(1);
        assertThat(browser.get("/admin/articles").getResponse().getRedirectedUrl())
                .startsWith(SecondFactorCodeSignIn.PATH + "?factor");

        // The app's code of the next step (the enrolment took this one) signs in.
        clock.advance(java.time.Duration.ofSeconds(Totp.STEP_SECONDS));
        String code = Totp.code(app.secret(), Totp.step(clock.instant()));
        String before = SessionCookies.id(browser.session);
        assertThat(browser.post(SecondFactorCodeSignIn.PATH, "code", code)
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/admin");
        assertThat(SessionCookies.id(browser.session)).as("a new session id").isNotEqualTo(before);
        assertThat(browser.get("/admin/articles").getResponse().getStatus()).isEqualTo(200);
        assertThat(audits(editor, AuditKind.SECOND_FACTOR)).isEqualTo(1);
        browser.signOut();

        // The same code again, within its step: refused (a code seen over a shoulder is spent).
        browser.signIn(editor);
        MvcResult replayed = browser.post(SecondFactorCodeSignIn.PATH, "code", code);
        assertThat(replayed.getResponse().getRedirectedUrl()).isEqualTo(SecondFactorCodeSignIn.PATH + "?error");
        assertThat(page(browser.get(replayed.getResponse().getRedirectedUrl()).getResponse())
                        .selectFirst("#sign-in-error")
                        .text())
                .isEqualTo(SecondFactorSignInController.WRONG);
        assertThat(browser.get("/admin").getResponse().getRedirectedUrl())
                .startsWith(SecondFactorCodeSignIn.PATH + "?factor");

        // A wrong code: refused.
        assertThat(browser.post(SecondFactorCodeSignIn.PATH, "code", otherThan(app.secret()))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo(SecondFactorCodeSignIn.PATH + "?error");
        assertThat(audits(editor, AuditKind.SECOND_FACTOR_FAILED)).isEqualTo(2);

        // The next step's code is good.
        clock.advance(java.time.Duration.ofSeconds(Totp.STEP_SECONDS));
        assertThat(browser.post(
                                SecondFactorCodeSignIn.PATH,
                                "code",
                                Totp.code(app.secret(), Totp.step(clock.instant())))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/admin");
        assertThat(browser.get("/admin").getResponse().getStatus()).isEqualTo(200);
        assertThat(audits(editor, AuditKind.SECOND_FACTOR)).isEqualTo(2);
    }

    @Test
    void aRecoveryCodeSignsInOnceOnly() throws Exception {
        clock.set(NOW);
        Account writer = testAccounts.account(Role.WRITER);
        Browser browser = new Browser();
        Enrolled app = signInAndEnrol(browser, writer);
        browser.signOut();

        String recoveryCode = app.recoveryCodes().get(3);
        browser.signIn(writer);
        assertThat(browser.post(SecondFactorCodeSignIn.PATH, "code", recoveryCode.toUpperCase())
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/admin");
        Document factors = page(browser.get(SecondFactorController.PATH).getResponse());
        assertThat(factors.selectFirst(".recovery-status").text()).isEqualTo("9 unused recovery codes left.");
        browser.signOut();

        browser.signIn(writer);
        assertThat(browser.post(SecondFactorCodeSignIn.PATH, "code", recoveryCode)
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo(SecondFactorCodeSignIn.PATH + "?error");
        assertThat(browser.get("/admin").getResponse().getRedirectedUrl())
                .startsWith(SecondFactorCodeSignIn.PATH + "?factor");
        assertThat(audits(writer, AuditKind.SECOND_FACTOR)).isEqualTo(1);
        assertThat(audits(writer, AuditKind.SECOND_FACTOR_FAILED)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from recovery_code where account_id = ? and code_hash like '{bcrypt}%'")
                        .param(writer.getId())
                        .query(Long.class)
                        .single())
                .as("stored hashed")
                .isEqualTo(10);
    }

    @Test
    void aRoleThatRequiresTwoFactorsSendsAMemberWithoutOneToAddOneFirst() throws Exception {
        Account admin = testAccounts.account(Role.ADMIN);
        Account writer = testAccounts.account(Role.WRITER);
        Browser administrator = new Browser();
        administrator.signIn(admin);
        assertThat(administrator
                        .post("/admin/accounts/second-factors", "role", "WRITER")
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/admin/accounts/second-factors");
        Document settings =
                page(administrator.get("/admin/accounts/second-factors").getResponse());
        assertThat(settings.select("input[name=role][checked]").eachAttr("value"))
                .containsExactly("WRITER");

        Browser browser = new Browser();
        assertThat(browser.signIn(writer)).isEqualTo(SecondFactorController.PATH + "?required");
        for (String path : new String[] {"/admin/articles", "/admin/films", "/admin/polls"}) {
            assertThat(browser.get(path).getResponse().getRedirectedUrl())
                    .as(path)
                    .isEqualTo(SecondFactorController.PATH + "?required");
        }
        Document page =
                page(browser.get(SecondFactorController.PATH + "?required").getResponse());
        assertThat(page.selectFirst("#second-factor-required").text()).contains("before anything else");
        assertThat(browser.get(PasswordController.PATH).getResponse().getStatus())
                .as("their password page stays open")
                .isEqualTo(200);

        clock.set(NOW);
        enrolApp(browser);
        assertThat(browser.get("/admin/articles").getResponse().getStatus()).isEqualTo(200);

        // Another role is not held up.
        assertThat(new Browser().signIn(testAccounts.account(Role.EDITOR))).isEqualTo("/admin");
    }

    @Test
    void anAdministratorsResetRemovesTheFactorsAndEndsThatAccountsSessions() throws Exception {
        clock.set(NOW);
        Account editor = testAccounts.account(Role.EDITOR);
        Browser phone = new Browser();
        signInAndEnrol(phone, editor);
        Browser laptop = new Browser();
        assertThat(laptop.signIn(editor)).startsWith(SecondFactorCodeSignIn.PATH + "?factor");
        Cookie phoneSession = phone.session;
        Cookie laptopSession = laptop.session;

        Account admin = testAccounts.account(Role.ADMIN);
        Browser administrator = new Browser();
        administrator.signIn(admin);
        Document account =
                page(administrator.get("/admin/accounts/" + editor.getId()).getResponse());
        assertThat(account.selectFirst(".second-factors").text()).contains("Authenticator app: on");
        MvcResult reset = administrator.post("/admin/accounts/" + editor.getId() + "/second-factors/reset");
        assertThat(reset.getResponse().getRedirectedUrl()).isEqualTo("/admin/accounts/" + editor.getId());
        Document after =
                page(administrator.get("/admin/accounts/" + editor.getId()).getResponse());
        assertThat(after.select(".flash").text()).contains("ended their 2 sessions");
        assertThat(after.selectFirst(".second-factors").text())
                .isEqualTo("Authenticator app: off; passkeys: 0; unused recovery codes: 0.");

        assertThat(SessionCookies.known(jdbc, phoneSession)).isFalse();
        assertThat(SessionCookies.known(jdbc, laptopSession)).isFalse();
        assertThat(phone.get("/admin").getResponse().getRedirectedUrl()).isEqualTo("/login");
        assertThat(audits(editor, AuditKind.FACTORS_RESET)).isEqualTo(1);
        assertThat(SessionCookies.known(jdbc, administrator.session))
                .as("the administrator's own")
                .isTrue();

        // Their password alone signs them in now (no role requires two factors here).
        assertThat(new Browser().signIn(editor)).isEqualTo("/admin");
    }

    @Test
    void removingTheAppIsRecorded() throws Exception {
        clock.set(NOW);
        Account editor = testAccounts.account(Role.EDITOR);
        Browser browser = new Browser();
        signInAndEnrol(browser, editor);
        browser.post(SecondFactorController.PATH + "/app/remove");
        Document page = page(browser.get(SecondFactorController.PATH).getResponse());
        assertThat(page.selectFirst(".app-status").text()).startsWith("Off.");
        assertThat(audits(editor, AuditKind.FACTOR_REMOVED)).isEqualTo(1);
        Element enrol = page.selectFirst("#app-enrol");
        assertThat(enrol).isNotNull();
    }

    @Test
    void codesAreThrottledLikePasswords() throws Exception {
        clock.set(NOW);
        Account editor = testAccounts.account(Role.EDITOR);
        Browser browser = new Browser();
        Enrolled app = signInAndEnrol(browser, editor);
        browser.signOut();
        browser.signIn(editor);
        for (int i = 0; i < SignInThrottle.PAIR.limit(); i++) {
            browser.post(SecondFactorCodeSignIn.PATH, "code", otherThan(app.secret()));
        }
        // Held back now: even the right code is not checked.
        MvcResult held = browser.post(SecondFactorCodeSignIn.PATH, "code", Totp.code(app.secret(), Totp.step(NOW) + 1));
        assertThat(held.getResponse().getRedirectedUrl()).startsWith(SecondFactorCodeSignIn.PATH + "?error=too-many");
        assertThat(page(browser.get(held.getResponse().getRedirectedUrl()).getResponse())
                        .selectFirst("#sign-in-error")
                        .text())
                .startsWith("Too many failed sign-ins.");
    }

    @Test
    void theSecondFactorPagesAreValidHtml() throws Exception {
        clock.set(NOW);
        Account admin = testAccounts.account(Role.ADMIN);
        Browser browser = new Browser();
        browser.signIn(admin);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("factors, none yet", body(browser.get(SecondFactorController.PATH)));
        pages.put("app enrolment", body(browser.get(SecondFactorController.PATH + "/app")));
        byte[] secret = Base32.decode(
                page(browser.get(SecondFactorController.PATH + "/app").getResponse())
                        .selectFirst("#app-secret")
                        .text());
        pages.put(
                "recovery codes",
                body(browser.post(SecondFactorController.PATH + "/app", "code", Totp.code(secret, Totp.step(NOW)))));
        pages.put("factors, app on", body(browser.get(SecondFactorController.PATH)));
        pages.put("roles", body(browser.get("/admin/accounts/second-factors")));
        pages.put("account", body(browser.get("/admin/accounts/" + admin.getId())));
        browser.signOut();
        browser.signIn(admin);
        pages.put("second step", body(browser.get(SecondFactorCodeSignIn.PATH)));
        pages.forEach((name, html) -> {
            try {
                assertThat(NuHtmlChecker.errorsIn(html)).as(name).isEmpty();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(pages.get("app enrolment")).contains("<svg").doesNotContain("style=");
    }

    static String body(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    @Test
    void aPasswordAloneCannotAddASecondFactorToAnAccountThatHasOne() throws Exception {
        clock.set(NOW);
        Account editor = testAccounts.account(Role.EDITOR);
        Browser owner = new Browser();
        signInAndEnrol(owner, editor);

        Browser thief = new Browser();
        thief.signIn(editor);
        for (String path : new String[] {SecondFactorController.PATH, SecondFactorController.PATH + "/app"}) {
            assertThat(thief.get(path).getResponse().getRedirectedUrl())
                    .as(path)
                    .startsWith(SecondFactorCodeSignIn.PATH + "?factor");
        }
        // Spring Security hands out registration options to any signed-in session (its filter runs
        // before authorization), but registering the passkey is a newsroom act: refused here.
        assertThat(thief.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/webauthn/register")
                                .with(csrf())
                                .contentType("application/json")
                                .content("{}"))
                        .getResponse()
                        .getRedirectedUrl())
                .as("registering a passkey")
                .startsWith(SecondFactorCodeSignIn.PATH + "?factor");
        assertThat(thief.post(SecondFactorController.PATH + "/recovery-codes")
                        .getResponse()
                        .getRedirectedUrl())
                .startsWith(SecondFactorCodeSignIn.PATH + "?factor");
        assertThat(audits(editor, AuditKind.FACTOR_ADDED)).isEqualTo(1);
    }
}
