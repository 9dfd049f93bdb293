package com.bestever.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import com.bestever.support.AuditTrail;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log of sign-ins and accounts: every act leaves exactly one entry, with who, from
 * where (the client's address behind the trusted proxy, not the proxy's), on what and what
 * changed; an act that rolls back leaves none; the database refuses to change or delete an entry.
 */
@SiteTest
class AuditLogTests {

    /** The proxy the tests' settings trust (bestever.trusted-proxies). */
    static final String PROXY = "198.18.0.1";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditLog audit;

    @Autowired
    Accounts accounts;

    @Autowired
    AuditRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    /** A request that came through the trusted proxy for this client. */
    static RequestPostProcessor behindProxy(String client) {
        return request -> {
            request.setRemoteAddr(PROXY);
            request.addHeader("X-Forwarded-For", "192.0.2.200, " + client);
            return request;
        };
    }

    private MvcResult signIn(String username, String password, String client) throws Exception {
        return mvc.perform(post("/login")
                        .param("username", username)
                        .param("password", password)
                        .with(csrf())
                        .with(behindProxy(client)))
                .andReturn();
    }

    @Test
    void aSignInIsRecordedWithTheClientsAddressNotTheProxys() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        long mark = trail.mark();
        String client = SignInTests.newAddress();
        assertThat(signIn(editor.getUsername(), TestAccounts.PASSWORD, client)
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/admin");
        AuditTrail.Entry entry = trail.onlyBy(editor.getUsername(), mark, "sign_in.success");
        assertThat(entry.address()).isEqualTo(client).isNotEqualTo(PROXY);
        assertThat(entry.accountId()).isEqualTo(editor.getId());
        assertThat(entry.subjectType()).isEqualTo("account");
        assertThat(entry.subjectId()).isEqualTo(editor.getId());
    }

    @Test
    void theAddressIsTheClientsEvenFromTheRequestAsTheProxyHandedItOver() {
        // The request held for the thread may be the one from before ClientAddresses' wrapper
        // (a filter ordered ahead of it): the log resolves the client itself.
        MockHttpServletRequest unwrapped = new MockHttpServletRequest();
        unwrapped.setRemoteAddr(PROXY);
        unwrapped.addHeader("X-Forwarded-For", "203.0.113.44");
        String actor = TestData.unique("unwrapped");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(unwrapped));
        try {
            transaction.executeWithoutResult(
                    status -> audit.recordAs(AuditKind.SIGN_IN_FAILED, null, actor, AuditLog.Subject.NONE, "a test"));
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        assertThat(trail.onlyBy(actor, 0, "sign_in.failure").address()).isEqualTo("203.0.113.44");
    }

    @Test
    void aWrongPasswordADisabledAccountAndAnUnknownNameAreEachOneRefusal() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        long mark = trail.mark();
        signIn(editor.getUsername(), "not-the-password", SignInTests.newAddress());
        AuditTrail.Entry wrong = trail.onlyBy(editor.getUsername(), mark, "sign_in.failure");
        assertThat(wrong.summary()).contains("wrong");

        transaction.executeWithoutResult(status -> jdbc.sql("update app_user set enabled = false where id = ?")
                .param(editor.getId())
                .update());
        mark = trail.mark();
        signIn(editor.getUsername(), TestAccounts.PASSWORD, SignInTests.newAddress());
        assertThat(trail.onlyBy(editor.getUsername(), mark, "sign_in.failure").summary())
                .contains("disabled");

        // A name that is no account is not kept: it may be a password typed in the wrong box.
        String typed = TestData.unique("my-secret-password");
        String client = SignInTests.newAddress();
        mark = trail.mark();
        signIn(typed, "whatever-it-is", client);
        List<AuditTrail.Entry> unknown = trail.by(SignInAudit.UNKNOWN_NAME, mark).stream()
                .filter(e -> client.equals(e.address()))
                .toList();
        assertThat(unknown).hasSize(1);
        assertThat(unknown.get(0).kind()).isEqualTo("sign_in.failure");
        assertThat(jdbc.sql("select count(*) from audit_entry where actor = ? or summary like ?")
                        .params(typed, "%" + typed + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aSignInRefusedByTheBackOffIsRecordedToo() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        String client = SignInTests.newAddress();
        long mark = trail.mark();
        for (int i = 0; i < SignInThrottle.PAIR.limit(); i++) {
            signIn(editor.getUsername(), "wrong-" + i, client);
        }
        assertThat(signIn(editor.getUsername(), TestAccounts.PASSWORD, client)
                        .getResponse()
                        .getRedirectedUrl())
                .startsWith("/login?error=too-many");
        List<AuditTrail.Entry> entries = trail.by(editor.getUsername(), mark);
        assertThat(entries)
                .hasSize(SignInThrottle.PAIR.limit() + 1)
                .allMatch(e -> e.kind().equals("sign_in.failure"));
        assertThat(entries.get(entries.size() - 1).summary()).contains("back-off");
    }

    @Test
    void signingOutIsRecorded() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        MvcResult signedIn = signIn(writer.getUsername(), TestAccounts.PASSWORD, SignInTests.newAddress());
        Cookie session = signedIn.getResponse().getCookie(NewsroomSessions.COOKIE);
        long mark = trail.mark();
        String client = SignInTests.newAddress();
        mvc.perform(post("/logout").cookie(session).with(csrf()).with(behindProxy(client)))
                .andExpect(redirectedUrl("/login?signed-out"));
        assertThat(trail.onlyBy(writer.getUsername(), mark, "sign_in.sign_out").address())
                .isEqualTo(client);
    }

    /** One act of an administrator on an account's page, and the one entry it must leave. */
    record AccountAct(String name, String path, String[] params, String kind, String summary) {}

    @Test
    void everyActOnAnAccountLeavesExactlyOneEntry() throws Exception {
        List<AccountAct> acts = List.of(
                new AccountAct(
                        "rename",
                        "",
                        new String[] {"displayName", "Renamed One", "role", "WRITER"},
                        "account.changed",
                        "→ “Renamed One”"),
                new AccountAct(
                        "role",
                        "",
                        new String[] {"displayName", "Renamed One", "role", "EDITOR"},
                        "account.role_changed",
                        "Writer → Editor"),
                new AccountAct(
                        "disable",
                        "/enabled",
                        new String[] {"enabled", "false"},
                        "account.disabled",
                        "enabled → disabled"),
                new AccountAct(
                        "enable",
                        "/enabled",
                        new String[] {"enabled", "true"},
                        "account.enabled",
                        "disabled → enabled"),
                new AccountAct(
                        "password",
                        "/password",
                        new String[] {"newPassword", "a-brand-new-password", "repeatPassword", "a-brand-new-password"},
                        "account.password_set",
                        "administrator"),
                new AccountAct(
                        "back-off",
                        "/sign-in-failures/reset",
                        new String[] {},
                        "account.sign_in_back_off_reset",
                        "sign-in"));
        Account admin = testAccounts.account(Role.ADMIN);
        Account someone = testAccounts.account(Role.WRITER);
        for (AccountAct act : acts) {
            long mark = trail.mark();
            String client = SignInTests.newAddress();
            MockHttpServletRequestBuilder request = post("/admin/accounts/" + someone.getId() + act.path())
                    .with(testAccounts.signedIn(admin))
                    .with(csrf())
                    .with(behindProxy(client));
            for (int i = 0; i < act.params().length; i += 2) {
                request.param(act.params()[i], act.params()[i + 1]);
            }
            mvc.perform(request).andExpect(redirectedUrl("/admin/accounts/" + someone.getId()));
            AuditTrail.Entry entry = trail.onlyBy(admin.getUsername(), mark, act.kind());
            assertThat(entry.subjectId()).as(act.name()).isEqualTo(someone.getId());
            assertThat(entry.subjectTitle()).as(act.name()).isEqualTo(someone.getUsername());
            assertThat(entry.summary()).as(act.name()).contains(act.summary());
            assertThat(entry.address()).as(act.name()).isEqualTo(client);
            assertThat(entry.accountId()).as(act.name()).isEqualTo(admin.getId());
        }

        long mark = trail.mark();
        String username = TestData.unique("newcomer");
        mvc.perform(post("/admin/accounts/new")
                .with(testAccounts.signedIn(admin))
                .with(csrf())
                .param("username", username)
                .param("displayName", "New Comer")
                .param("role", "WRITER")
                .param("newPassword", "a-long-enough-password")
                .param("repeatPassword", "a-long-enough-password"));
        AuditTrail.Entry created = trail.onlyBy(admin.getUsername(), mark, "account.created");
        assertThat(created.subjectTitle()).isEqualTo(username);
        assertThat(created.summary()).contains("Writer");
    }

    @Test
    void changingOnesOwnPasswordIsRecorded() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        long mark = trail.mark();
        mvc.perform(post(PasswordController.PATH)
                        .with(testAccounts.signedIn(writer))
                        .with(csrf())
                        .param("currentPassword", TestAccounts.PASSWORD)
                        .param("newPassword", "my-very-own-password")
                        .param("repeatPassword", "my-very-own-password"))
                .andExpect(redirectedUrl("/admin"));
        assertThat(trail.onlyBy(writer.getUsername(), mark, "account.password_changed")
                        .subjectId())
                .isEqualTo(writer.getId());

        // A wrong current password changes nothing, and so records nothing.
        mark = trail.mark();
        mvc.perform(post(PasswordController.PATH)
                .with(testAccounts.signedIn(writer))
                .with(csrf())
                .param("currentPassword", "not-my-password")
                .param("newPassword", "another-new-password")
                .param("repeatPassword", "another-new-password"));
        assertThat(trail.by(writer.getUsername(), mark)).isEmpty();
    }

    @Test
    void aRefusedChangeLeavesNoEntry() throws Exception {
        Account admin = testAccounts.account(Role.ADMIN);
        long mark = trail.mark();
        mvc.perform(post("/admin/accounts/" + admin.getId() + "/enabled")
                .param("enabled", "false")
                .with(testAccounts.signedIn(admin))
                .with(csrf()));
        assertThat(trail.by(admin.getUsername(), mark)).isEmpty();
    }

    @Test
    void anActThatRollsBackLeavesNoEntryAndNoEntryIsWrittenOutsideAnAct() {
        long mark = trail.mark();
        String username = TestData.unique("rolled-back");
        transaction.executeWithoutResult(status -> {
            accounts.create(username, "Rolled Back", Role.WRITER, TestAccounts.PASSWORD);
            status.setRollbackOnly();
        });
        assertThat(accounts.findByUsername(username)).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_entry where id > ? and subject_title = ?")
                        .params(mark, username)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThatThrownBy(() -> audit.record(AuditKind.FILM_CHANGED, AuditLog.Subject.NONE, "no act"))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEntry() {
        Account writer = testAccounts.account(Role.WRITER); // its creation is an entry
        long id = jdbc.sql("select max(id) from audit_entry where subject_type = 'account' and subject_id = ?")
                .param(writer.getId())
                .query(Long.class)
                .single();
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set summary = 'rewritten' where id = ?")
                        .param(id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where id = ?")
                        .param(id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select summary from audit_entry where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isNotEqualTo("rewritten");
    }

    @Test
    void theRetentionIsAppliedAtStartAndOnlyOlderEntriesAreDeleted() {
        assertThat(retention.keep()).isEqualTo(Duration.ofDays(730));
        assertThat(jdbc.sql("select extract(epoch from keep)::bigint from audit_retention")
                        .query(Long.class)
                        .single())
                .isEqualTo(Duration.ofDays(730).toSeconds());
        String old = TestData.unique("long-ago");
        String recent = TestData.unique("recently");
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into audit_entry (at, actor, kind, summary)
                            values (now() - interval '731 days', ?, 'film.changed', 'old'),
                                   (now() - interval '729 days', ?, 'film.changed', 'recent')
                            """).params(old, recent).update();
        });
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where actor = ?")
                        .param(recent)
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(retention.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(countBy(old)).isZero();
        assertThat(countBy(recent)).isOne();
        assertThatThrownBy(() -> new AuditRetention(jdbc, transaction, Duration.ofDays(29)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 30 days");
        assertThatThrownBy(() -> jdbc.sql("update audit_retention set keep = interval '1 day'")
                        .update())
                .isInstanceOf(DataAccessException.class);
    }

    private long countBy(String actor) {
        return jdbc.sql("select count(*) from audit_entry where actor = ?")
                .param(actor)
                .query(Long.class)
                .single();
    }
}
