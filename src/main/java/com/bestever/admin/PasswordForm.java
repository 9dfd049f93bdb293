package com.bestever.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new password, typed twice; when changing one's own, the current one too. */
class PasswordForm {

    private String currentPassword;

    @NotBlank(message = "Enter the new password.")
    @Size(min = Passwords.MIN, message = "Use at least 12 characters.")
    private String newPassword;

    private String repeatPassword;

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
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
