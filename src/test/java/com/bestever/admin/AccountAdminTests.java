package com.bestever.admin;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/** Accounts are for administrators; everyone changes their own password. */
@SiteTest
class AccountAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    AccountRepository accounts;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void anEditorIsForbiddenFromTheAccountPages() throws Exception {
        Account someone = testAccounts.account(Role.WRITER);
        for (String path :
                new String[] {"/admin/accounts", "/admin/accounts/new", "/admin/accounts/" + someone.getId()}) {
            mvc.perform(get(path).with(testAccounts.signedIn(Role.EDITOR))).andExpect(status().isForbidden());
            mvc.perform(get(path).with(testAccounts.signedIn(Role.WRITER))).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/accounts/" + someone.getId() + "/enabled")
                        .param("enabled", "false")
                        .with(testAccounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(accounts.findById(someone.getId()).orElseThrow().isEnabled()).isTrue();
    }

    @Test
    void anEditorDoesNotSeeTheAccountsLink() throws Exception {
        Document home = page(mvc.perform(get("/admin").with(testAccounts.signedIn(Role.EDITOR)))
                .andExpect(status().isOk()));
        assertThat(home.select("a[href=/admin/accounts]")).isEmpty();
        assertThat(home.selectFirst(".signed-in-as").text()).contains("Editor");
    }

    @Test
    void anAdministratorListsTheAccounts() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        Document list = page(mvc.perform(get("/admin/accounts").with(testAccounts.signedIn(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store")));
        assertThat(list.select("table.accounts td a").eachText()).contains("admin", writer.getUsername());
        assertThat(list.select("meta[name=robots]").attr("content")).contains("noindex");
    }

    @Test
    void anAdministratorCreatesAnAccountThatCanSignIn() throws Exception {
        String username = TestData.unique("new-editor");
        mvc.perform(post("/admin/accounts/new")
                        .with(testAccounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("username", username.toUpperCase())
                        .param("displayName", "Agnès Varda")
                        .param("role", "EDITOR")
                        .param("newPassword", "cleo-from-5-to-7")
                        .param("repeatPassword", "cleo-from-5-to-7"))
                .andExpect(redirectedUrlPattern("/admin/accounts/*"))
                .andExpect(flash().attribute("notice", "Created the account " + username + "."));
        Account created = accounts.findByUsername(username).orElseThrow();
        assertThat(created.getRole()).isEqualTo(Role.EDITOR);
        assertThat(created.getDisplayName()).isEqualTo("Agnès Varda");
        assertThat(created.getPasswordHash()).doesNotContain("cleo").startsWith("{bcrypt}");

        var signIn = mvc.perform(post("/login")
                .param("username", username)
                .param("password", "cleo-from-5-to-7")
                .with(csrf())
                .with(SignInTests.from(SignInTests.newAddress())));
        signIn.andExpect(redirectedUrl("/admin"));
    }

    @Test
    void aNewAccountWithBadInputIsShownAgainWithEachErrorBesideItsField() throws Exception {
        Document form = page(mvc.perform(post("/admin/accounts/new")
                        .with(testAccounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("username", "no spaces allowed")
                        .param("displayName", "Kept As Typed")
                        .param("role", "EDITOR")
                        .param("newPassword", "short")
                        .param("repeatPassword", "short"))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#username").val()).isEqualTo("no spaces allowed");
        assertThat(form.selectFirst("#username-error").text()).startsWith("Use 2 to 40 letters");
        assertThat(form.selectFirst("#displayName").val()).isEqualTo("Kept As Typed");
        assertThat(form.selectFirst("#newPassword-error").text()).isEqualTo("Use at least 12 characters.");
        assertThat(form.selectFirst("#role option[selected]").val()).isEqualTo("EDITOR");
        // Passwords are never written back into the page.
        assertThat(form.selectFirst("#newPassword").val()).isEmpty();
    }

    @Test
    void aTakenUserNameIsAFieldError() throws Exception {
        Account taken = testAccounts.account(Role.WRITER);
        Document form = page(mvc.perform(post("/admin/accounts/new")
                        .with(testAccounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("username", taken.getUsername())
                        .param("displayName", "Someone Else")
                        .param("role", "WRITER")
                        .param("newPassword", "a-long-enough-password")
                        .param("repeatPassword", "a-long-enough-password"))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#username-error").text()).isEqualTo("This user name is taken; choose another.");
    }

    @Test
    void anAdministratorDisablesAnAccountAndItCannotSignIn() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        mvc.perform(post("/admin/accounts/" + writer.getId() + "/enabled")
                        .param("enabled", "false")
                        .with(testAccounts.signedIn(Role.ADMIN))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/accounts/" + writer.getId()));
        assertThat(accounts.findById(writer.getId()).orElseThrow().isEnabled()).isFalse();
        mvc.perform(post("/login")
                        .param("username", writer.getUsername())
                        .param("password", TestAccounts.PASSWORD)
                        .with(csrf())
                        .with(SignInTests.from(SignInTests.newAddress())))
                .andExpect(redirectedUrl("/login?disabled"));
    }

    @Test
    void nobodyDisablesTheirOwnAccount() throws Exception {
        Account admin = testAccounts.account(Role.ADMIN);
        mvc.perform(post("/admin/accounts/" + admin.getId() + "/enabled")
                        .param("enabled", "false")
                        .with(testAccounts.signedIn(admin))
                        .with(csrf()))
                .andExpect(flash().attribute("problem", "You cannot disable your own account."));
        assertThat(accounts.findById(admin.getId()).orElseThrow().isEnabled()).isTrue();
    }

    @Test
    void anAdministratorResetsAPassword() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        mvc.perform(post("/admin/accounts/" + editor.getId() + "/password")
                        .with(testAccounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("newPassword", "a-brand-new-password")
                        .param("repeatPassword", "a-brand-new-password"))
                .andExpect(redirectedUrl("/admin/accounts/" + editor.getId()));
        assertThat(passwordEncoder.matches(
                        "a-brand-new-password",
                        accounts.findById(editor.getId()).orElseThrow().getPasswordHash()))
                .isTrue();

        Document form = page(mvc.perform(post("/admin/accounts/" + editor.getId() + "/password")
                .with(testAccounts.signedIn(Role.ADMIN))
                .with(csrf())
                .param("newPassword", "a-brand-new-password")
                .param("repeatPassword", "a-different-password")));
        assertThat(form.selectFirst("#repeatPassword-error").text()).isEqualTo("The two passwords are not the same.");
    }

    @Test
    void everyoneChangesTheirOwnPasswordWithTheCurrentOne() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        Document wrong = page(mvc.perform(post("/admin/account/password")
                        .with(testAccounts.signedIn(writer))
                        .with(csrf())
                        .param("currentPassword", "not-my-password")
                        .param("newPassword", "my-new-password-1")
                        .param("repeatPassword", "my-new-password-1"))
                .andExpect(status().isOk()));
        assertThat(wrong.selectFirst("#currentPassword-error").text()).isEqualTo("This is not your current password.");

        mvc.perform(post("/admin/account/password")
                        .with(testAccounts.signedIn(writer))
                        .with(csrf())
                        .param("currentPassword", TestAccounts.PASSWORD)
                        .param("newPassword", "my-new-password-1")
                        .param("repeatPassword", "my-new-password-1"))
                .andExpect(redirectedUrl("/admin"));
        String hash = accounts.findById(writer.getId()).orElseThrow().getPasswordHash();
        assertThat(passwordEncoder.matches("my-new-password-1", hash)).isTrue();
        assertThat(passwordEncoder.matches(TestAccounts.PASSWORD, hash)).isFalse();
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefused() throws Exception {
        String tooLong = "é".repeat(40); // 80 bytes in UTF-8
        Document form = page(mvc.perform(post("/admin/account/password")
                        .with(testAccounts.signedIn(Role.WRITER))
                        .with(csrf())
                        .param("currentPassword", TestAccounts.PASSWORD)
                        .param("newPassword", tooLong)
                        .param("repeatPassword", tooLong))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#newPassword-error").text()).startsWith("Use at most 72 bytes");
    }

    @Test
    void anUnknownAccountIsA404AndANonNumericIdA400() throws Exception {
        mvc.perform(get("/admin/accounts/987654321").with(testAccounts.signedIn(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/accounts/abc").with(testAccounts.signedIn(Role.ADMIN)))
                .andExpect(status().isBadRequest());
    }
}
