package com.bestever.admin;

import com.bestever.system.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Someone who signs in to the newsroom: a writer, an editor or an administrator. */
@Entity
@Table(name = "app_user")
public class Account extends Audited {

    @Column(nullable = false, length = 40, updatable = false)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "display_name", nullable = false, length = 120)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(nullable = false)
    private boolean enabled = true;

    /** When the password was last set; sessions signed in before then have ended. */
    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    /** The password was chosen by someone else (generated): its owner must set their own first. */
    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    protected Account() {}

    Account(String username, String displayName, Role role, String passwordHash, Instant now) {
        this.username = Usernames.normalise(username);
        this.displayName = displayName;
        this.role = role;
        this.passwordHash = passwordHash;
        this.passwordChangedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public Role getRole() {
        return role;
    }

    void setRole(Role role) {
        this.role = role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    /**
     * A new password, set at {@code now}. Its time is kept to the microsecond, as PostgreSQL keeps
     * it, because a session compares it for equality; and it always moves on, even when the clock
     * stands still (a test's), so every session signed in with the old password ends.
     */
    void setPasswordHash(String passwordHash, Instant now) {
        Instant changedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.passwordHash = passwordHash;
        this.passwordChangedAt =
                changedAt.isAfter(passwordChangedAt) ? changedAt : passwordChangedAt.plus(1, ChronoUnit.MICROS);
        this.mustChangePassword = false;
    }

    /** Marks the password as someone else's choice: the owner is sent to change it before anything else. */
    void requirePasswordChange() {
        this.mustChangePassword = true;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt;
    }
}
