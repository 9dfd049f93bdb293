package com.bestever.admin;

import com.bestever.system.NotFoundException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who may sign in: creating accounts, enabling and disabling them, and their passwords. */
@Service
public class Accounts {

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final AuditLog audit;

    Accounts(AccountRepository accounts, PasswordEncoder passwordEncoder, Clock clock, AuditLog audit) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.audit = audit;
    }

    /** An account as the audit log names it: by its user name, which never changes. */
    static AuditLog.Subject subject(Account account) {
        return AuditLog.Subject.of("account", account.getId(), account.getUsername());
    }

    /** A new, enabled account; the user name is stored in lower case. */
    @Transactional
    public Account create(String username, String displayName, Role role, String password) {
        String name = Usernames.normalise(username);
        if (accounts.existsByUsername(name)) {
            throw new UsernameTaken(name);
        }
        Account account;
        try {
            account = accounts.saveAndFlush(
                    new Account(name, displayName.strip(), role, passwordEncoder.encode(password), clock.instant()));
        } catch (DataIntegrityViolationException ex) {
            throw new UsernameTaken(name);
        }
        audit.record(
                AuditKind.ACCOUNT_CREATED,
                subject(account),
                "“" + account.getDisplayName() + "”, " + role.label() + ", enabled");
        return account;
    }

    @Transactional(readOnly = true)
    public Optional<Account> find(long id) {
        return accounts.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<Account> findByUsername(String username) {
        return accounts.findByUsername(Usernames.normalise(username));
    }

    /** The display name of an account, for "last saved by …"; null for null or an unknown id. */
    @Transactional(readOnly = true)
    public String nameOf(Long accountId) {
        return accountId == null
                ? null
                : accounts.findById(accountId).map(Account::getDisplayName).orElse(null);
    }

    /** The user names of these accounts (nulls allowed), in one query, for "by …" beside what they saved. */
    @Transactional(readOnly = true)
    public AccountNames usernames(Collection<Long> accountIds) {
        List<Long> ids = accountIds.stream().filter(Objects::nonNull).distinct().toList();
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            accounts.findAllById(ids).forEach(account -> names.put(account.getId(), account.getUsername()));
        }
        return new AccountNames(names);
    }

    @Transactional(readOnly = true)
    List<Account> all() {
        return accounts.findAllByOrderByUsernameAsc();
    }

    /**
     * Enables or disables an account. Nobody disables their own account, and the last enabled
     * administrator stays enabled, so the newsroom never locks itself out.
     */
    @Transactional
    void setEnabled(long id, boolean enabled, SignedIn by) {
        Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account " + id));
        if (!enabled && account.isEnabled()) {
            if (account.getId() == by.accountId()) {
                throw new RefusedChange("You cannot disable your own account.");
            }
            if (isLastEnabledAdmin(account)) {
                throw new RefusedChange("This is the last enabled administrator account; it stays enabled.");
            }
        }
        boolean was = account.isEnabled();
        account.setEnabled(enabled);
        audit.record(
                enabled ? AuditKind.ACCOUNT_ENABLED : AuditKind.ACCOUNT_DISABLED,
                subject(account),
                was == enabled
                        ? "already " + (enabled ? "enabled" : "disabled")
                        : (enabled ? "disabled → enabled" : "enabled → disabled"));
    }

    /**
     * Gives an account another name or role. Nobody changes their own role (another
     * administrator can), and the last enabled administrator stays one.
     */
    @Transactional
    void changeNameAndRole(long id, String displayName, Role role, SignedIn by) {
        Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account " + id));
        if (role != account.getRole()) {
            if (account.getId() == by.accountId()) {
                throw new RefusedChange("You cannot change your own role; another administrator can.");
            }
            if (account.getRole() == Role.ADMIN && isLastEnabledAdmin(account)) {
                throw new RefusedChange("This is the last enabled administrator account; it stays an administrator.");
            }
        }
        List<String> changes = new java.util.ArrayList<>();
        if (!account.getDisplayName().equals(displayName.strip())) {
            changes.add("name “" + account.getDisplayName() + "” → “" + displayName.strip() + "”");
        }
        Role was = account.getRole();
        if (role != was) {
            changes.add("role " + was.label() + " → " + role.label());
        }
        account.setDisplayName(displayName.strip());
        account.setRole(role);
        audit.record(
                role != was ? AuditKind.ROLE_CHANGED : AuditKind.ACCOUNT_CHANGED,
                subject(account),
                changes.isEmpty() ? "saved without a change" : String.join("; ", changes));
    }

    /** Locks the enabled administrators (see {@link AccountRepository#lockEnabledAdmins}). */
    private boolean isLastEnabledAdmin(Account account) {
        List<Account> admins = accounts.lockEnabledAdmins();
        return admins.size() <= 1
                && admins.stream().anyMatch(admin -> admin.getId().equals(account.getId()));
    }

    @Transactional
    void resetPassword(long id, String newPassword) {
        Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account " + id));
        account.setPasswordHash(passwordEncoder.encode(newPassword), clock.instant());
        audit.record(
                AuditKind.PASSWORD_SET,
                subject(account),
                "a new password set by an administrator; their sessions ended");
    }

    /** Changes one's own password: the account as it is now, or empty (and nothing changed) when the current password is wrong. */
    @Transactional
    Optional<Account> changeOwnPassword(long accountId, String currentPassword, String newPassword) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new NotFoundException("account " + accountId));
        if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            return Optional.empty();
        }
        account.setPasswordHash(passwordEncoder.encode(newPassword), clock.instant());
        audit.record(AuditKind.PASSWORD_CHANGED, subject(account), "own password changed; their other sessions ended");
        return Optional.of(account);
    }

    /** The user name belongs to another account already. */
    public static class UsernameTaken extends RuntimeException {

        UsernameTaken(String username) {
            super("The user name " + username + " is taken", null, false, false);
        }
    }

    /** A change the rules refuse, with the message to show. */
    static class RefusedChange extends RuntimeException {

        RefusedChange(String message) {
            super(message, null, false, false);
        }
    }
}
