package com.bestever.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.BestEverProperties;
import java.time.Clock;
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
    Clock clock;

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
        return new FirstAdmin(accounts, passwordEncoder, new BestEverProperties.Admin(username, password), clock);
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
