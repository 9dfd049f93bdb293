package com.bestever.admin;

import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Everyone signed in changes their own password here, with their current one. */
@Controller
class PasswordController {

    static final String PATH = "/admin/account/password";

    private final Accounts accounts;

    PasswordController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping(PATH)
    String form(Model model) {
        model.addAttribute("passwordForm", new PasswordForm());
        return "admin/password";
    }

    @PostMapping(PATH)
    String change(@Valid PasswordForm passwordForm, BindingResult result, @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        if (passwordForm.getCurrentPassword() == null || passwordForm.getCurrentPassword().isEmpty()) {
            result.rejectValue("currentPassword", "required", "Enter your current password.");
        }
        Passwords.check(passwordForm.getNewPassword(), passwordForm.getRepeatPassword(), result);
        if (result.hasErrors()) {
            return "admin/password";
        }
        if (!accounts.changeOwnPassword(signedIn.accountId(), passwordForm.getCurrentPassword(),
                passwordForm.getNewPassword())) {
            result.rejectValue("currentPassword", "wrong", "This is not your current password.");
            return "admin/password";
        }
        redirect.addFlashAttribute("notice", "Your password is changed. Use the new one next time you sign in.");
        return "redirect:/admin";
    }
}
