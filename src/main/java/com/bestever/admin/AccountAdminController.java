package com.bestever.admin;

import com.bestever.system.NotFoundException;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accounts, for administrators: who may sign in, under what name and with what role; disabling;
 * password resets. Each change reaches the person's open sessions at their next request
 * (NewsroomSessions).
 */
@Controller
@RequestMapping("/admin/accounts")
class AccountAdminController {

    private final Accounts accounts;
    private final SignInThrottle signIns;
    private final SecondFactors secondFactors;
    private final NewsroomSessions sessions;

    AccountAdminController(
            Accounts accounts, SignInThrottle signIns, SecondFactors secondFactors, NewsroomSessions sessions) {
        this.accounts = accounts;
        this.signIns = signIns;
        this.secondFactors = secondFactors;
        this.sessions = sessions;
    }

    @ModelAttribute("roles")
    Map<Role, String> roles() {
        Map<Role, String> roles = new LinkedHashMap<>();
        Arrays.stream(Role.values()).forEach(role -> roles.put(role, role.label()));
        return roles;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("accounts", accounts.all());
        return "admin/accounts";
    }

    @GetMapping("/new")
    String newAccount(Model model) {
        model.addAttribute("accountForm", new AccountForm());
        return "admin/account-new";
    }

    @PostMapping("/new")
    String create(@Valid AccountForm accountForm, BindingResult result, RedirectAttributes redirect) {
        Passwords.check(accountForm.getNewPassword(), accountForm.getRepeatPassword(), result);
        if (result.hasErrors()) {
            return "admin/account-new";
        }
        try {
            Account account = accounts.create(
                    accountForm.getUsername(),
                    accountForm.getDisplayName(),
                    accountForm.getRole(),
                    accountForm.getNewPassword());
            redirect.addFlashAttribute("notice", "Created the account " + account.getUsername() + ".");
            return "redirect:/admin/accounts/" + account.getId();
        } catch (Accounts.UsernameTaken ex) {
            result.rejectValue("username", "taken", "This user name is taken; choose another.");
            return "admin/account-new";
        }
    }

    @GetMapping("/{id}")
    String account(@PathVariable long id, Model model) {
        return page(find(id), model);
    }

    @PostMapping("/{id}")
    String changeNameAndRole(
            @PathVariable long id,
            @Valid NameAndRoleForm nameAndRoleForm,
            BindingResult result,
            @AuthenticationPrincipal SignedIn signedIn,
            Model model,
            RedirectAttributes redirect) {
        Account account = find(id);
        if (result.hasErrors()) {
            return page(account, model);
        }
        try {
            accounts.changeNameAndRole(id, nameAndRoleForm.getDisplayName(), nameAndRoleForm.getRole(), signedIn);
        } catch (Accounts.RefusedChange ex) {
            result.reject("refused", ex.getMessage());
            return page(account, model);
        }
        redirect.addFlashAttribute(
                "notice",
                "Saved " + account.getUsername() + ": "
                        + nameAndRoleForm.getDisplayName().strip() + ", "
                        + nameAndRoleForm.getRole().label()
                        + ". It applies from their next click, without signing in again.");
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/{id}/enabled")
    String setEnabled(
            @PathVariable long id,
            @RequestParam boolean enabled,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        Account account = find(id);
        try {
            accounts.setEnabled(id, enabled, signedIn);
            redirect.addFlashAttribute(
                    "notice",
                    (enabled ? "Enabled " : "Disabled ")
                            + account.getUsername()
                            + (enabled ? ": they can sign in again." : ": they can no longer sign in."));
        } catch (Accounts.RefusedChange ex) {
            redirect.addFlashAttribute("problem", ex.getMessage());
        }
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/{id}/password")
    String resetPassword(
            @PathVariable long id,
            @Valid PasswordForm passwordForm,
            BindingResult result,
            @AuthenticationPrincipal SignedIn signedIn,
            Model model,
            RedirectAttributes redirect) {
        Account account = find(id);
        if (account.getId() == signedIn.accountId()) {
            // One's own password is changed with the current one (and without signing oneself out).
            redirect.addFlashAttribute("problem", "Change your own password at “My password”, with your current one.");
            return "redirect:" + PasswordController.PATH;
        }
        Passwords.check(passwordForm.getNewPassword(), passwordForm.getRepeatPassword(), result);
        if (result.hasErrors()) {
            return page(account, model);
        }
        accounts.resetPassword(id, passwordForm.getNewPassword());
        redirect.addFlashAttribute(
                "notice",
                "Set a new password for " + account.getUsername()
                        + ". Wherever they were signed in, they are signed out. Give them the new password safely;"
                        + " they can change it at “My password”.");
        return "redirect:/admin/accounts/" + id;
    }

    /** Lifts the sign-in back-off of the account's user name (see SignInThrottle#reset). */
    @PostMapping("/{id}/sign-in-failures/reset")
    String resetSignInFailures(@PathVariable long id, RedirectAttributes redirect) {
        Account account = find(id);
        signIns.reset(account);
        redirect.addFlashAttribute(
                "notice", "Cleared the failed sign-ins of " + account.getUsername() + ": they can sign in again now.");
        return "redirect:/admin/accounts/" + id;
    }

    /** Which roles must sign in with two factors. */
    @GetMapping("/second-factors")
    String secondFactorRoles(Model model) {
        model.addAttribute("required", secondFactors.requiredRoles());
        return "admin/second-factor-roles";
    }

    @PostMapping("/second-factors")
    String requireSecondFactors(
            @RequestParam(name = "role", required = false) Set<Role> roles, RedirectAttributes redirect) {
        Set<Role> required = roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        secondFactors.requireFor(required);
        redirect.addFlashAttribute(
                "notice",
                required.isEmpty()
                        ? "No role must sign in with two factors now."
                        : "Saved. Accounts of these roles without a second factor are sent to add one at their next click.");
        return "redirect:/admin/accounts/second-factors";
    }

    /**
     * Someone lost their phone or passkey: their second factors are removed and every session of
     * theirs ends. They sign in with their password and, if their role requires it, add a new one first.
     */
    @PostMapping("/{id}/second-factors/reset")
    String resetSecondFactors(@PathVariable long id, RedirectAttributes redirect) {
        Account account = find(id);
        secondFactors.reset(account);
        int ended = sessions.endAll(account.getUsername());
        redirect.addFlashAttribute(
                "notice",
                "Removed every second factor of " + account.getUsername() + " and ended their " + ended
                        + (ended == 1 ? " session" : " sessions")
                        + ". They sign in with their password and add a new second factor.");
        return "redirect:/admin/accounts/" + id;
    }

    /** The account's page, with both of its forms (one of them may come back with its errors). */
    private String page(Account account, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("signInHeldBack", signIns.isHeldBack(account.getUsername()));
        model.addAttribute("factors", secondFactors.summary(account.getId(), account.getUsername(), account.getRole()));
        if (!model.containsAttribute("nameAndRoleForm")) {
            model.addAttribute("nameAndRoleForm", NameAndRoleForm.from(account));
        }
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", new PasswordForm());
        }
        return "admin/account";
    }

    private Account find(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("account " + id));
    }
}
