package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The second step of signing in: after the password, someone with a second factor is sent here
 * (by Spring Security, for the missing factor) to give a passkey, an authenticator app's code
 * or a recovery code. The code is checked by {@link SecondFactorCodeSignIn}, the passkey by
 * Spring Security's WebAuthn filter ({@link PasskeySignIn}).
 */
@Controller
class SecondFactorSignInController {

    static final String WRONG =
            "Wrong code, or one already used. Type the code the app shows now, or an unused recovery code.";

    private final SecondFactors secondFactors;

    SecondFactorSignInController(SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
    }

    @GetMapping(SecondFactorCodeSignIn.PATH)
    String page(HttpServletRequest request, Model model) {
        SignedIn signedIn = AdminPages.signedIn();
        if (signedIn == null) {
            return "redirect:/login";
        }
        Authentication signIn = SecurityContextHolder.getContext().getAuthentication();
        if (signIn.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(SecondFactors.SECOND::contains)) {
            return "redirect:/admin";
        }
        SecondFactors.Summary factors =
                secondFactors.summary(signedIn.accountId(), signedIn.getUsername(), signedIn.role());
        if (!factors.any()) {
            return "redirect:/admin";
        }
        model.addAttribute("factors", factors);
        model.addAttribute("username", signedIn.getUsername());
        if (request.getParameterMap().containsKey(SignInFailures.ERROR)) {
            model.addAttribute(
                    "problem",
                    SignInFailures.TOO_MANY.equals(request.getParameter(SignInFailures.ERROR))
                            ? LoginController.reason(request)
                            : WRONG);
        }
        return "admin/second-factor";
    }
}
