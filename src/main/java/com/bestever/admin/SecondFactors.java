package com.bestever.admin;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everyone's second factors: the authenticator app (RFC 6238, {@link Totp}), one-time recovery
 * codes (hashed like passwords) and passkeys (Spring Security's WebAuthn tables, see
 * {@link Passkeys}); and the roles that must sign in with two. Every change and every sign-in
 * with a second factor is written to the audit log in its own transaction.
 */
@Service
public class SecondFactors {

    /** The factor an authenticator app's code proves (Spring Security has none of its own for TOTP). */
    public static final String APP =
            FactorGrantedAuthority.withFactor("TOTP").build().getAuthority();
    /** The factor a recovery code proves: it stands in for the app or the passkey it recovers. */
    public static final String RECOVERY_CODE =
            FactorGrantedAuthority.withFactor("RECOVERY_CODE").build().getAuthority();
    /** Any of these after the password is the second factor. */
    static final Set<String> SECOND = Set.of(APP, RECOVERY_CODE, FactorGrantedAuthority.WEBAUTHN_AUTHORITY);

    static final int RECOVERY_CODES = 10;
    private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SecondFactors(JdbcClient jdbc, AuditLog audit, PasswordEncoder passwordEncoder, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** One of someone's passkeys, as their page lists it. */
    record Passkey(String id, String label, Instant created, Instant lastUsed) {}

    /** What second factors an account has, and whether its role must use one. */
    record Summary(boolean app, List<Passkey> passkeys, int recoveryCodesLeft, boolean required) {

        public boolean any() {
            return app || !passkeys.isEmpty();
        }
    }

    /** What a sign-in needs of this account: whether it has a second factor, and whether its role requires one. */
    record Need(boolean hasFactor, boolean required) {}

    /** One query per newsroom request (SecondFactorRequired, SecondFactorFirst share it per request). */
    @Transactional(readOnly = true)
    Need need(SignedIn signedIn) {
        return jdbc.sql("""
                        select exists (select 1 from authenticator_app where account_id = :id and enabled_at is not null)
                            or exists (select 1 from user_credentials c join user_entities u on u.id = c.user_entity_user_id
                                        where u.name = :name) as has_factor,
                               exists (select 1 from second_factor_role where role = :role) as required
                        """)
                .param("id", signedIn.accountId())
                .param("name", signedIn.getUsername())
                .param("role", signedIn.role().name())
                .query((rs, n) -> new Need(rs.getBoolean("has_factor"), rs.getBoolean("required")))
                .single();
    }

    @Transactional(readOnly = true)
    Summary summary(long accountId, String username, Role role) {
        boolean app = jdbc.sql("select count(*) from authenticator_app where account_id = ? and enabled_at is not null")
                        .param(accountId)
                        .query(Long.class)
                        .single()
                > 0;
        int left = jdbc.sql("select count(*) from recovery_code where account_id = ? and used_at is null")
                .param(accountId)
                .query(Integer.class)
                .single();
        return new Summary(app, passkeys(username), left, requiredRoles().contains(role));
    }

    @Transactional(readOnly = true)
    List<Passkey> passkeys(String username) {
        return jdbc.sql("""
                        select c.credential_id, c.label, c.created, c.last_used
                          from user_credentials c join user_entities u on u.id = c.user_entity_user_id
                         where u.name = ? order by c.created, c.credential_id
                        """)
                .param(username)
                .query((rs, n) -> new Passkey(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    // --- the authenticator app -------------------------------------------------------------

    /** The secret of the app being enrolled, if one is pending (nothing is made). */
    Optional<byte[]> enrolling(long accountId) {
        return app(accountId).filter(row -> !row.enabled()).map(AppRow::secret);
    }

    /** The secret of the app being enrolled (made now if there is none pending); empty when one is switched on. */
    @Transactional
    Optional<byte[]> pendingApp(long accountId) {
        Optional<AppRow> row = app(accountId);
        if (row.isPresent() && row.get().enabled()) {
            return Optional.empty();
        }
        if (row.isPresent()) {
            return Optional.of(row.get().secret());
        }
        byte[] secret = new byte[20]; // 160 bits, RFC 4226's recommended length for HMAC-SHA1
        random.nextBytes(secret);
        jdbc.sql("insert into authenticator_app (account_id, secret, created_at) values (?, ?, ?)")
                .params(accountId, secret, now())
                .update();
        return Optional.of(secret);
    }

    /**
     * Switches the pending app on if the code is right (a first code proves the app has the
     * secret): new recovery codes are made and returned, to be shown once. Empty when the code is wrong.
     */
    @Transactional
    Optional<List<String>> confirmApp(SignedIn signedIn, String code) {
        AppRow row = app(signedIn.accountId()).filter(app -> !app.enabled()).orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        OptionalLong step = Totp.match(row.secret(), code, clock.instant(), row.lastStep());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("update authenticator_app set enabled_at = ?, last_step = ? where account_id = ?")
                .params(now(), step.getAsLong(), signedIn.accountId())
                .update();
        audit.record(AuditKind.FACTOR_ADDED, subject(signedIn), "Authenticator app switched on");
        return Optional.of(makeRecoveryCodes(signedIn.accountId()));
    }

    @Transactional
    boolean removeApp(SignedIn signedIn) {
        int removed = jdbc.sql("delete from authenticator_app where account_id = ? and enabled_at is not null")
                .param(signedIn.accountId())
                .update();
        if (removed > 0) {
            audit.record(AuditKind.FACTOR_REMOVED, subject(signedIn), "Authenticator app removed");
        }
        return removed > 0;
    }

    /** New recovery codes (the earlier ones stop working), to be shown once. */
    @Transactional
    List<String> newRecoveryCodes(SignedIn signedIn) {
        List<String> codes = makeRecoveryCodes(signedIn.accountId());
        audit.record(
                AuditKind.FACTOR_ADDED,
                subject(signedIn),
                RECOVERY_CODES + " new recovery codes; the earlier ones no longer work");
        return codes;
    }

    private List<String> makeRecoveryCodes(long accountId) {
        jdbc.sql("delete from recovery_code where account_id = ?")
                .param(accountId)
                .update();
        List<String> codes = new ArrayList<>();
        Timestamp now = now();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
                if (c == 4) {
                    code.append('-');
                }
            }
            codes.add(code.toString());
            jdbc.sql("insert into recovery_code (account_id, code_hash, created_at) values (?, ?, ?)")
                    .params(accountId, passwordEncoder.encode(code.toString()), now)
                    .update();
        }
        return codes;
    }

    // --- signing in ------------------------------------------------------------------------

    /** What a typed code proved: the app's code, a recovery code, or nothing. */
    enum Proof {
        APP,
        RECOVERY_CODE,
        NONE
    }

    /**
     * Checks a code typed at sign-in: an authenticator app's code for a step after the last one
     * taken (a replayed code is refused), or an unused recovery code (used up now). The outcome is
     * written to the audit log, success or not, in the same transaction as the code's use.
     */
    @Transactional
    Proof check(SignedIn signedIn, String typed) {
        String code = typed == null ? "" : typed.strip();
        Proof proof = Proof.NONE;
        Optional<AppRow> app = app(signedIn.accountId()).filter(AppRow::enabled);
        if (app.isPresent() && code.replaceAll("\\s", "").matches("\\d{" + Totp.DIGITS + "}")) {
            OptionalLong step = Totp.match(
                    app.get().secret(), code, clock.instant(), app.get().lastStep());
            // Taken atomically: two requests with the same code cannot both move past the same step.
            if (step.isPresent()
                    && jdbc.sql("update authenticator_app set last_step = ? where account_id = ? and last_step < ?")
                                    .params(step.getAsLong(), signedIn.accountId(), step.getAsLong())
                                    .update()
                            == 1) {
                proof = Proof.APP;
            }
        } else if (code.length() >= 10 && code.length() <= 20) {
            proof = useRecoveryCode(signedIn.accountId(), code.toLowerCase(Locale.ROOT))
                    ? Proof.RECOVERY_CODE
                    : Proof.NONE;
        }
        AuditLog.Subject subject = subject(signedIn);
        switch (proof) {
            case APP ->
                audit.recordAs(
                        AuditKind.SECOND_FACTOR,
                        signedIn.accountId(),
                        signedIn.getUsername(),
                        subject,
                        "Authenticator app code");
            case RECOVERY_CODE ->
                audit.recordAs(
                        AuditKind.SECOND_FACTOR,
                        signedIn.accountId(),
                        signedIn.getUsername(),
                        subject,
                        "Recovery code (now used up)");
            case NONE ->
                audit.recordAs(
                        AuditKind.SECOND_FACTOR_FAILED,
                        signedIn.accountId(),
                        signedIn.getUsername(),
                        subject,
                        "Wrong or already used code");
        }
        return proof;
    }

    private boolean useRecoveryCode(long accountId, String code) {
        record Row(long id, String hash) {}
        List<Row> rows = jdbc.sql("select id, code_hash from recovery_code where account_id = ? and used_at is null")
                .param(accountId)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2)))
                .list();
        for (Row row : rows) {
            if (passwordEncoder.matches(code, row.hash())) {
                return jdbc.sql("update recovery_code set used_at = ? where id = ? and used_at is null")
                                .params(now(), row.id())
                                .update()
                        == 1;
            }
        }
        return false;
    }

    /** A passkey's outcome at sign-in, written to the audit log. */
    @Transactional
    void recordPasskey(SignedIn signedIn, boolean accepted) {
        audit.recordAs(
                accepted ? AuditKind.SECOND_FACTOR : AuditKind.SECOND_FACTOR_FAILED,
                signedIn.accountId(),
                signedIn.getUsername(),
                subject(signedIn),
                accepted ? "Passkey" : "Passkey refused");
    }

    // --- passkeys ----------------------------------------------------------------------------

    /** Renames one of this person's passkeys; false when they have none by that id. */
    @Transactional
    boolean renamePasskey(SignedIn signedIn, String credentialId, String label) {
        return jdbc.sql("""
                                update user_credentials set label = ?
                                 where credential_id = ?
                                   and user_entity_user_id in (select id from user_entities where name = ?)
                                """).params(label, credentialId, signedIn.getUsername()).update() == 1;
    }

    // --- administrators ----------------------------------------------------------------------

    @Transactional(readOnly = true)
    Set<Role> requiredRoles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("select role from second_factor_role")
                .query(String.class)
                .list()
                .forEach(role -> roles.add(Role.valueOf(role)));
        return roles;
    }

    @Transactional
    void requireFor(Set<Role> roles) {
        jdbc.sql("delete from second_factor_role").update();
        for (Role role : roles) {
            jdbc.sql("insert into second_factor_role (role, set_at) values (?, ?)")
                    .params(role.name(), now())
                    .update();
        }
        audit.record(
                AuditKind.ACCOUNT_CHANGED,
                AuditLog.Subject.NONE,
                roles.isEmpty()
                        ? "Two factors required of no role"
                        : "Two factors required of "
                                + roles.stream().map(Role::label).toList());
    }

    /**
     * An administrator removes every second factor of an account (its owner lost them): the app,
     * the recovery codes and the passkeys. The owner then signs in with the password alone and,
     * if their role requires it, enrols again first. Their sessions are ended by the caller.
     */
    @Transactional
    void reset(Account account) {
        int app = jdbc.sql("delete from authenticator_app where account_id = ?")
                .param(account.getId())
                .update();
        int codes = jdbc.sql("delete from recovery_code where account_id = ?")
                .param(account.getId())
                .update();
        // The credentials go with their user entity (on delete cascade).
        int passkeys =
                jdbc.sql("""
                        select count(*) from user_credentials c join user_entities u on u.id = c.user_entity_user_id
                         where u.name = ?""").param(account.getUsername()).query(Integer.class).single();
        jdbc.sql("delete from user_entities where name = ?")
                .param(account.getUsername())
                .update();
        audit.record(
                AuditKind.FACTORS_RESET,
                AuditLog.Subject.of("account", account.getId(), account.getUsername()),
                "Removed " + (app > 0 ? "the authenticator app, " : "") + passkeys + " passkey(s) and " + codes
                        + " recovery code(s); their sessions were ended");
    }

    private record AppRow(byte[] secret, boolean enabled, long lastStep) {}

    private Optional<AppRow> app(long accountId) {
        return jdbc.sql("select secret, enabled_at is not null, last_step from authenticator_app where account_id = ?")
                .param(accountId)
                .query((rs, n) -> new AppRow(rs.getBytes(1), rs.getBoolean(2), rs.getLong(3)))
                .optional();
    }

    static AuditLog.Subject subject(SignedIn signedIn) {
        return AuditLog.Subject.of("account", signedIn.accountId(), signedIn.getUsername());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
