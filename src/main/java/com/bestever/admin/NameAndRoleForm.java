package com.bestever.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The form on an account's page that changes the name it shows and its role. */
class NameAndRoleForm {

    @NotBlank(message = "Enter the name shown for this person.")
    @Size(max = 120, message = "Use at most 120 characters.")
    private String displayName;

    @NotNull(message = "Choose a role.")
    private Role role;

    static NameAndRoleForm from(Account account) {
        NameAndRoleForm form = new NameAndRoleForm();
        form.displayName = account.getDisplayName();
        form.role = account.getRole();
        return form;
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
}
