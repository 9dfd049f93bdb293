package com.bestever.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The form that creates an account: who, with what role, and their first password. */
class AccountForm {

    @NotBlank(message = "Enter a user name.")
    @Pattern(
            regexp = "(?i)[a-z0-9][a-z0-9._-]{1,39}",
            message = "Use 2 to 40 letters, digits, '.', '_' or '-', starting with a letter or a digit.")
    private String username;

    @NotBlank(message = "Enter the name shown for this person.")
    @Size(max = 120, message = "Use at most 120 characters.")
    private String displayName;

    @NotNull(message = "Choose a role.")
    private Role role = Role.WRITER;

    @NotBlank(message = "Enter a first password.")
    @Size(min = Passwords.MIN, message = "Use at least 12 characters.")
    private String newPassword;

    private String repeatPassword;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeatPassword() {
        return repeatPassword;
    }

    public void setRepeatPassword(String repeatPassword) {
        this.repeatPassword = repeatPassword;
    }
}
