package com.bestever.admin;

import com.bestever.system.BestEverProperties;
import com.bestever.system.OneAtATime;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Makes sure someone can sign in: when no ADMIN account exists at startup, creates one from
 * {@code BESTEVER_ADMIN_USERNAME} and {@code BESTEVER_ADMIN_PASSWORD} ({@code bestever.admin.*}).
 * Without a user name it is "admin"; without a password one is generated and logged once.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    static final String DEFAULT_USERNAME = "admin";

    /** The name of this work for {@link OneAtATime}: instances starting together create one administrator. */
    static final String FIRST_ADMIN = "first administrator";

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final BestEverProperties.Admin settings;
    private final Clock clock;
    private final OneAtATime oneAtATime;
    private final AuditLog audit;

    @Autowired
    FirstAdmin(
            AccountRepository accounts,
            PasswordEncoder passwordEncoder,
            BestEverProperties properties,
            Clock clock,
            OneAtATime oneAtATime,
            AuditLog audit) {
        this(accounts, passwordEncoder, properties.admin(), clock, oneAtATime, audit);
    }

    FirstAdmin(
            AccountRepository accounts,
            PasswordEncoder passwordEncoder,
            BestEverProperties.Admin settings,
            Clock clock,
            OneAtATime oneAtATime,
            AuditLog audit) {
        this.audit = audit;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.settings = settings;
        this.clock = clock;
        this.oneAtATime = oneAtATime;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        ensureAnAdmin();
    }

    /** Answers the account it created or promoted, or null when an administrator already existed. */
    @Transactional
    Account ensureAnAdmin() {
        // Another instance starting on the same empty database may be creating one right now.
        oneAtATime.hold(FIRST_ADMIN);
        if (accounts.existsByRole(Role.ADMIN)) {
            return null;
        }
        String username =
                StringUtils.hasText(settings.username()) ? Usernames.normalise(settings.username()) : DEFAULT_USERNAME;
        if (!username.matches(Usernames.PATTERN)) {
            throw new IllegalStateException("BESTEVER_ADMIN_USERNAME must be 2 to 40 letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit; it is '" + username + "'");
        }
        boolean generated = !StringUtils.hasText(settings.password());
        String password = generated ? randomPassword() : settings.password();
        String hash = passwordEncoder.encode(password);

        Account admin = accounts.findByUsername(username).orElse(null);
        if (admin == null) {
            admin = accounts.saveAndFlush(new Account(username, "Administrator", Role.ADMIN, hash, clock.instant()));
            audit.record(
                    AuditKind.ACCOUNT_CREATED,
                    Accounts.subject(admin),
                    "the first administrator, created at start (no administrator existed)");
        } else {
            // The operator named an existing account: it becomes the administrator.
            Role was = admin.getRole();
            admin.setRole(Role.ADMIN);
            admin.setEnabled(true);
            admin.setPasswordHash(hash, clock.instant());
            audit.record(
                    AuditKind.ROLE_CHANGED,
                    Accounts.subject(admin),
                    "role " + was.label() + " → " + Role.ADMIN.label()
                            + " at start (no administrator existed); enabled, password set from the settings");
        }
        if (generated) {
            admin.requirePasswordChange();
            log.warn(
                    "No administrator account existed, so one was created. Sign in at /login as \"{}\" with the"
                            + " password {} and change it: you will be asked to at your first sign-in. This password is not shown again;"
                            + " set BESTEVER_ADMIN_USERNAME and BESTEVER_ADMIN_PASSWORD to choose your own.",
                    username,
                    password);
        } else {
            log.info(
                    "No administrator account existed: created \"{}\" from BESTEVER_ADMIN_USERNAME/PASSWORD", username);
        }
        return admin;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
