package com.bestever.admin;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.SessionCookies;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import jakarta.servlet.http.Cookie;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A newsroom session follows its account: an administrator's change of role or name reaches an
 * open session at its next request, and a new password or a disabled account ends it. Every
 * test signs in through the real sign-in form and goes on with that session, as a browser does.
 */
@SiteTest
class NewsroomSessionsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    Accounts accounts;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    /** Signs in at /login as a browser would, and answers the browser's session. */
    Cookie signIn(String username, String password) throws Exception {
        return SessionCookies.of(mvc.perform(post("/login")
                        .param("username", username)
                        .param("password", password)
                        .with(csrf())
                        .with(SignInTests.from(SignInTests.newAddress())))
                .andExpect(redirectedUrl("/admin"))
                .andReturn());
    }

    ResultActions changeNameAndRole(Account account, String displayName, Role role) throws Exception {
        return mvc.perform(post("/admin/accounts/" + account.getId())
                .with(testAccounts.signedIn(Role.ADMIN))
                .with(csrf())
                .param("displayName", displayName)
                .param("role", role.name()));
    }

    @Test
    void aPromotionAppliesAtTheNextRequestWithoutSigningInAgain() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        Cookie session = signIn(writer.getUsername(), TestAccounts.PASSWORD);
        mvc.perform(get("/admin/films/new").cookie(session)).andExpect(status().isForbidden());

        changeNameAndRole(writer, "  Pauline Kael  ", Role.EDITOR)
                .andExpect(redirectedUrl("/admin/accounts/" + writer.getId()));

        mvc.perform(get("/admin/films/new").cookie(session)).andExpect(status().isOk());
        Document home = page(mvc.perform(get("/admin").cookie(session)).andExpect(status().isOk()));
        assertThat(home.selectFirst(".signed-in-as strong").text()).isEqualTo("Pauline Kael");
        assertThat(home.selectFirst(".signed-in-as .role").text()).isEqualTo("Editor");
        // The same session, not a new sign-in.
        assertThat(SessionCookies.known(jdbc, session)).isTrue();
    }

    @Test
    void aDemotionTakesThePagesAwayAtTheNextRequest() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        Cookie session = signIn(editor.getUsername(), TestAccounts.PASSWORD);
        mvc.perform(get("/admin/films/new").cookie(session)).andExpect(status().isOk());

        changeNameAndRole(editor, editor.getDisplayName(), Role.WRITER);

        mvc.perform(get("/admin/films/new").cookie(session)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/films/new").cookie(session).with(csrf()).param("title", "Sneaked In"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin").cookie(session)).andExpect(status().isOk());
    }

    @Test
    void aPasswordResetSignsOutEverySessionOfTheAccount() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        Cookie atWork = signIn(editor.getUsername(), TestAccounts.PASSWORD);
        Cookie atHome = signIn(editor.getUsername(), TestAccounts.PASSWORD);

        mvc.perform(post("/admin/accounts/" + editor.getId() + "/password")
                        .with(testAccounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("newPassword", "a-password-from-the-admin")
                        .param("repeatPassword", "a-password-from-the-admin"))
                .andExpect(redirectedUrl("/admin/accounts/" + editor.getId()));

        for (Cookie session : new Cookie[] {atWork, atHome}) {
            mvc.perform(get("/admin/films").cookie(session)).andExpect(redirectedUrl("/login?password-changed"));
            assertThat(SessionCookies.known(jdbc, session)).isFalse();
        }
        Document login =
                page(mvc.perform(get("/login").param("password-changed", "")).andExpect(status().isOk()));
        assertThat(SignInTests.errorOn(login)).isEqualTo(LoginController.PASSWORD_CHANGED);

        Cookie again = signIn(editor.getUsername(), "a-password-from-the-admin");
        mvc.perform(get("/admin/films").cookie(again)).andExpect(status().isOk());
    }

    @Test
    void changingOnesOwnPasswordKeepsThisSessionAndEndsTheOthers() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        Cookie here = signIn(writer.getUsername(), TestAccounts.PASSWORD);
        Cookie elsewhere = signIn(writer.getUsername(), TestAccounts.PASSWORD);
        MvcResult changed = mvc.perform(post("/admin/account/password")
                        .cookie(here)
                        .with(csrf())
                        .param("currentPassword", TestAccounts.PASSWORD)
                        .param("newPassword", "my-own-new-password")
                        .param("repeatPassword", "my-own-new-password"))
                .andExpect(redirectedUrl("/admin"))
                .andReturn();
        Cookie renewed = SessionCookies.of(changed);
        assertThat(SessionCookies.id(renewed))
                .as("a new session id after the change")
                .isNotEqualTo(SessionCookies.id(here));

        Document home = page(mvc.perform(get("/admin").cookie(renewed)).andExpect(status().isOk()));
        assertThat(home.selectFirst(".flash").text()).contains("Your password is changed");
        mvc.perform(get("/admin").cookie(elsewhere)).andExpect(redirectedUrl("/login?password-changed"));
    }

    @Test
    void anAdministratorSeesTheFormAndItsErrors() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        Document form =
                page(mvc.perform(get("/admin/accounts/" + writer.getId()).with(testAccounts.signedIn(Role.ADMIN)))
                        .andExpect(status().isOk()));
        assertThat(form.selectFirst("form.details-form #displayName").val()).isEqualTo(writer.getDisplayName());
        assertThat(form.selectFirst("form.details-form #role option[selected]").val())
                .isEqualTo("WRITER");

        Document refused = page(changeNameAndRole(writer, "   ", Role.EDITOR).andExpect(status().isOk()));
        assertThat(refused.selectFirst("#displayName-error").text()).isEqualTo("Enter the name shown for this person.");
        // The other form on the page is there too, empty.
        assertThat(refused.selectFirst("#newPassword").val()).isEmpty();
        Account unchanged = accounts.find(writer.getId()).orElseThrow();
        assertThat(unchanged.getRole()).isEqualTo(Role.WRITER);
        assertThat(unchanged.getDisplayName()).isEqualTo(writer.getDisplayName());

        mvc.perform(post("/admin/accounts/" + writer.getId())
                        .with(testAccounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("displayName", "Someone")
                        .param("role", "OWNER"))
                .andExpect(status().isOk());
        assertThat(accounts.find(writer.getId()).orElseThrow().getRole()).isEqualTo(Role.WRITER);
        mvc.perform(post("/admin/accounts/" + writer.getId())
                        .with(testAccounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("displayName", "Someone")
                        .param("role", "ADMIN"))
                .andExpect(status().isForbidden());
        assertThat(accounts.find(writer.getId()).orElseThrow().getRole()).isEqualTo(Role.WRITER);
    }

    @Test
    void nobodyChangesTheirOwnRole() throws Exception {
        Account admin = testAccounts.account(Role.ADMIN);
        Document own = page(mvc.perform(get("/admin/accounts/" + admin.getId()).with(testAccounts.signedIn(admin)))
                .andExpect(status().isOk()));
        assertThat(own.select("form.details-form select")).isEmpty();
        assertThat(own.selectFirst("form.details-form input[type=hidden][name=role]")
                        .val())
                .isEqualTo("ADMIN");

        Document refused = page(mvc.perform(post("/admin/accounts/" + admin.getId())
                        .with(testAccounts.signedIn(admin))
                        .with(csrf())
                        .param("displayName", "Still Me")
                        .param("role", "WRITER"))
                .andExpect(status().isOk()));
        assertThat(refused.selectFirst(".flash-error").text())
                .isEqualTo("You cannot change your own role; another administrator can.");
        assertThat(accounts.find(admin.getId()).orElseThrow().getRole()).isEqualTo(Role.ADMIN);

        // The name alone is one's own to change.
        mvc.perform(post("/admin/accounts/" + admin.getId())
                        .with(testAccounts.signedIn(admin))
                        .with(csrf())
                        .param("displayName", "Still Me")
                        .param("role", "ADMIN"))
                .andExpect(redirectedUrl("/admin/accounts/" + admin.getId()));
        assertThat(accounts.find(admin.getId()).orElseThrow().getDisplayName()).isEqualTo("Still Me");
    }

    @Test
    void anAdministratorChangesTheirOwnPasswordOnlyWithTheCurrentOne() throws Exception {
        Account admin = testAccounts.account(Role.ADMIN);
        Document own = page(mvc.perform(get("/admin/accounts/" + admin.getId()).with(testAccounts.signedIn(admin)))
                .andExpect(status().isOk()));
        assertThat(own.select("form[action$=/password]")).isEmpty();
        assertThat(own.select("main a[href=/admin/account/password]")).hasSize(1);

        Cookie session = signIn(admin.getUsername(), TestAccounts.PASSWORD);
        mvc.perform(post("/admin/accounts/" + admin.getId() + "/password")
                        .cookie(session)
                        .with(csrf())
                        .param("newPassword", "no-current-password-asked")
                        .param("repeatPassword", "no-current-password-asked"))
                .andExpect(redirectedUrl(PasswordController.PATH));
        Document passwordPage =
                page(mvc.perform(get(PasswordController.PATH).cookie(session)).andExpect(status().isOk()));
        assertThat(passwordPage.selectFirst(".flash-error").text()).contains("with your current one");
        assertThat(accounts.find(admin.getId()).orElseThrow().getPasswordChangedAt())
                .isEqualTo(admin.getPasswordChangedAt());
    }

    @Test
    void theLastEnabledAdministratorIsNeitherDemotedNorDisabled() {
        Account last = testAccounts.account(Role.ADMIN);
        Account other = testAccounts.account(Role.ADMIN);
        // As if every other administrator had been disabled a moment ago, by someone else.
        transaction.executeWithoutResult(status -> {
            jdbc.sql("update app_user set enabled = false where role = 'ADMIN' and id <> ?")
                    .param(last.getId())
                    .update();
            SignedIn by = new SignedIn(other);
            assertThatThrownBy(() -> accounts.changeNameAndRole(last.getId(), "Last", Role.EDITOR, by))
                    .hasMessage("This is the last enabled administrator account; it stays an administrator.");
            assertThatThrownBy(() -> accounts.setEnabled(last.getId(), false, by))
                    .hasMessage("This is the last enabled administrator account; it stays enabled.");
            status.setRollbackOnly();
        });
        assertThat(accounts.find(last.getId()).orElseThrow().getRole()).isEqualTo(Role.ADMIN);
        assertThat(accounts.find(other.getId()).orElseThrow().isEnabled()).isTrue();
    }
}
