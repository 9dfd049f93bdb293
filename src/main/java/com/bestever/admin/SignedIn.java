package com.bestever.admin;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is signed in and with what role: the principal of every newsroom request. Controllers
 * take it as a parameter, {@code @AuthenticationPrincipal SignedIn signedIn}; the admin pages
 * also get it as the model attribute {@code signedIn}. What a record keeps of who saved it is
 * its {@link #accountId()} ({@link SignedInAuditor}).
 *
 * <p>It is kept in the session and checked against the account at every request
 * ({@link NewsroomSessions}): a changed role or name applies from the next request, and a
 * disabled account or a password set since sign-in ends the session.
 */
public final class SignedIn implements UserDetails, CredentialsContainer {

    // Kept serialized in the shared session table (Spring Session JDBC): a fixed version lets a
    // session outlive a redeploy that does not change these fields.
    private static final long serialVersionUID = 1L;

    private final long accountId;
    private final String username;
    private final String displayName;
    private final Role role;
    private final boolean enabled;
    private final Instant passwordChangedAt;
    private final boolean mustChangePassword;
    private String passwordHash;

    SignedIn(Account account) {
        this.accountId = account.getId();
        this.username = account.getUsername();
        this.displayName = account.getDisplayName();
        this.role = account.getRole();
        this.enabled = account.isEnabled();
        this.passwordChangedAt = account.getPasswordChangedAt();
        this.mustChangePassword = account.mustChangePassword();
        this.passwordHash = account.getPasswordHash();
    }

    /** Whether this sign-in still holds: the account is enabled and has the password it signed in with. */
    boolean stillHolds(Account account) {
        return account.isEnabled() && account.getPasswordChangedAt().equals(passwordChangedAt);
    }

    /** Whether the account still has the role and name this sign-in shows. */
    boolean isUpToDate(Account account) {
        return role == account.getRole()
                && displayName.equals(account.getDisplayName())
                && mustChangePassword == account.mustChangePassword();
    }

    /** Signed in with a password someone else chose: nothing but choosing their own until they do. */
    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** The id of the signed-in person's row in {@code app_user}, e.g. to record who wrote a draft. */
    public long accountId() {
        return accountId;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    /** Whether the signed-in role includes {@code needed} (ADMIN > EDITOR > WRITER). */
    public boolean can(Role needed) {
        return role.includes(needed);
    }

    /** Editors and administrators publish, schedule and touch other people's pieces. */
    public boolean isEditor() {
        return can(Role.EDITOR);
    }

    public boolean isAdmin() {
        return can(Role.ADMIN);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    // Spring Security compares principals (session registry, tests) by user name.
    @Override
    public boolean equals(Object other) {
        return other instanceof SignedIn that && username.equals(that.username);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return username + " (" + role + ")";
    }
}
