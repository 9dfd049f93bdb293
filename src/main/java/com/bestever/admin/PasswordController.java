package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Optional;
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
    private final NewsroomSessions sessions;

    PasswordController(Accounts accounts, NewsroomSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping(PATH)
    String form(Model model, @AuthenticationPrincipal SignedIn signedIn) {
        model.addAttribute("passwordForm", new PasswordForm());
        model.addAttribute("mustChange", signedIn.mustChangePassword());
        return "admin/password";
    }

    @PostMapping(PATH)
    String change(
            @Valid PasswordForm passwordForm,
            BindingResult result,
            @AuthenticationPrincipal SignedIn signedIn,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (passwordForm.getCurrentPassword() == null
                || passwordForm.getCurrentPassword().isEmpty()) {
            result.rejectValue("currentPassword", "required", "Enter your current password.");
        }
        Passwords.check(passwordForm.getNewPassword(), passwordForm.getRepeatPassword(), result);
        if (result.hasErrors()) {
            return "admin/password";
        }
        Optional<Account> changed = accounts.changeOwnPassword(
                signedIn.accountId(), passwordForm.getCurrentPassword(), passwordForm.getNewPassword());
        if (changed.isEmpty()) {
            result.rejectValue("currentPassword", "wrong", "This is not your current password.");
            return "admin/password";
        }
        // This session goes on, under a new id; every other session of this account ends.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        sessions.remember(changed.get(), request, response);
        redirect.addFlashAttribute(
                "notice",
                "Your password is changed. Anywhere else you were signed in, you are"
                        + " signed out; use the new password next time you sign in.");
        return "redirect:/admin";
    }
}
