package com.bestever.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.BestEverProperties;
import com.bestever.system.OneAtATime;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first administrator. The shared test database always has one (created at startup from
 * bestever.admin.* in the test properties), so the "no admin yet" cases run inside a
 * transaction that demotes every administrator and is rolled back: nobody else's rows change.
 */
@SiteTest
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTests {

    @Autowired
    FirstAdmin firstAdmin;

    @Autowired
    AccountRepository accounts;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OneAtATime oneAtATime;

    @Autowired
    Clock clock;

    @Autowired
    AuditLog audit;

    @Test
    void theConfiguredAdministratorWasCreatedAtStartup() {
        Account admin = accounts.findByUsername("admin").orElseThrow();
        assertThat(admin.getRole()).isEqualTo(Role.ADMIN);
        assertThat(admin.isEnabled()).isTrue();
        assertThat(passwordEncoder.matches(SignInTests.ADMIN_PASSWORD, admin.getPasswordHash()))
                .isTrue();
        assertThat(admin.getPasswordHash()).startsWith("{bcrypt}$2");
    }

    @Test
    void anInstanceStartingWhileAnotherCreatesTheAdministratorWaitsThenCreatesNone() throws Exception {
        long before = accounts.count();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> otherInstance =
                CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
                    oneAtATime.hold(FirstAdmin.FIRST_ADMIN);
                    held.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Account> starting = CompletableFuture.supplyAsync(firstAdmin::ensureAnAdmin);
        Thread.sleep(500);
        assertThat(starting).as("waits for the other instance's start-up").isNotDone();

        release.countDown();
        otherInstance.get(10, TimeUnit.SECONDS);
        assertThat(starting.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(accounts.count()).isEqualTo(before);
    }

    @Test
    void nothingHappensWhenAnAdministratorExists() {
        long before = accounts.count();
        assertThat(firstAdmin.ensureAnAdmin()).isNull();
        assertThat(accounts.count()).isEqualTo(before);
    }

    @Test
    void withoutAnAdministratorTheConfiguredOneIsCreated() {
        String username = TestData.unique("chief");
        inRolledBackTransactionWithoutAdmins(() -> {
            Account created = bootstrapWith(username, "a-chosen-password-123").ensureAnAdmin();
            assertThat(created.getUsername()).isEqualTo(username);
            assertThat(created.getRole()).isEqualTo(Role.ADMIN);
            assertThat(passwordEncoder.matches("a-chosen-password-123", created.getPasswordHash()))
                    .isTrue();
            assertThat(created.mustChangePassword()).as("the operator chose it").isFalse();
        });
        assertThat(accounts.findByUsername(username)).isEmpty();
    }

    @Test
    void withNeitherSettingARandomPasswordIsGeneratedAndLoggedOnce(CapturedOutput output) {
        inRolledBackTransactionWithoutAdmins(() -> {
            Account admin = bootstrapWith("", null).ensureAnAdmin();
            assertThat(admin.getUsername()).isEqualTo("admin");
            assertThat(admin.getRole()).isEqualTo(Role.ADMIN);
            String logged = output.getOut()
                    .lines()
                    .filter(line -> line.contains("No administrator account existed"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(logged).contains("WARN").contains("\"admin\"");
            String password = logged.replaceFirst(".*with the password (\\S+) and change it.*", "$1");
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(passwordEncoder.matches(password, admin.getPasswordHash()))
                    .isTrue();
            assertThat(admin.mustChangePassword())
                    .as("a logged password must be replaced")
                    .isTrue();
            assertThat(passwordEncoder.matches(SignInTests.ADMIN_PASSWORD, admin.getPasswordHash()))
                    .isFalse();
        });
        assertThat(passwordEncoder.matches(
                        SignInTests.ADMIN_PASSWORD,
                        accounts.findByUsername("admin").orElseThrow().getPasswordHash()))
                .isTrue();
    }

    private FirstAdmin bootstrapWith(String username, String password) {
        return new FirstAdmin(
                accounts, passwordEncoder, new BestEverProperties.Admin(username, password), clock, oneAtATime, audit);
    }

    private void inRolledBackTransactionWithoutAdmins(Runnable work) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("update app_user set role = 'EDITOR' where role = 'ADMIN'").update();
            assertThat(accounts.existsByRole(Role.ADMIN)).isFalse();
            work.run();
            status.setRollbackOnly();
        });
    }
}
