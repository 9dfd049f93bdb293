package com.bestever.admin;

import com.bestever.system.BestEverProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Everyone's own second factors: passkeys (added by the page's script through Spring Security's
 * WebAuthn endpoints; named, renamed and removed here), the authenticator app (enrolled with a
 * QR code and a first code) and recovery codes (shown once).
 */
@Controller
class SecondFactorController {

    static final String PATH = "/admin/account/second-factors";
    static final int LABEL_LENGTH = 60;

    private final SecondFactors secondFactors;
    private final Passkeys passkeys;
    private final NewsroomSessions sessions;
    private final String issuer;

    SecondFactorController(
            SecondFactors secondFactors, Passkeys passkeys, NewsroomSessions sessions, BestEverProperties properties) {
        this.secondFactors = secondFactors;
        this.passkeys = passkeys;
        this.sessions = sessions;
        // The app lists the account under the site's host name, e.g. "bestever.example: philip".
        String host = URI.create(properties.baseUrl()).getHost();
        this.issuer = host == null ? "Best Ever" : host;
    }

    @GetMapping(PATH)
    String page(@AuthenticationPrincipal SignedIn signedIn, Model model) {
        model.addAttribute(
                "factors", secondFactors.summary(signedIn.accountId(), signedIn.getUsername(), signedIn.role()));
        model.addAttribute("labelLength", LABEL_LENGTH);
        return "admin/second-factors";
    }

    /** The authenticator app's enrolment: its secret as a QR code and as text, and a first code to switch it on. */
    @GetMapping(PATH + "/app")
    String app(@AuthenticationPrincipal SignedIn signedIn, Model model) {
        Optional<byte[]> secret = secondFactors.pendingApp(signedIn.accountId());
        if (secret.isEmpty()) {
            return "redirect:" + PATH;
        }
        return enrolment(signedIn, secret.get(), model);
    }

    @PostMapping(PATH + "/app")
    String confirmApp(
            @RequestParam(defaultValue = "") String code,
            @AuthenticationPrincipal SignedIn signedIn,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<List<String>> codes = secondFactors.confirmApp(signedIn, code);
        if (codes.isEmpty()) {
            // A refused code writes nothing: no enrolment is begun by a POST.
            Optional<byte[]> secret = secondFactors.enrolling(signedIn.accountId());
            if (secret.isEmpty()) {
                return "redirect:" + PATH;
            }
            model.addAttribute(
                    "problem",
                    "That code is not the one the app shows now. Check the app's clock and type the current six digits.");
            return enrolment(signedIn, secret.get(), model);
        }
        // The right code proved the app in this sign-in too.
        sessions.addFactor(SecondFactors.APP, request, response);
        model.addAttribute("codes", codes.get());
        model.addAttribute("notice", "The authenticator app is on: from now on, signing in asks for its code.");
        return "admin/recovery-codes";
    }

    private String enrolment(SignedIn signedIn, byte[] secret, Model model) {
        String text = Base32.encode(secret);
        String label = encode(issuer + ":" + signedIn.getUsername());
        String uri = "otpauth://totp/" + label + "?secret=" + text + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        model.addAttribute("qrCode", QrCodes.svg(uri, "QR code of the authenticator app's secret"));
        model.addAttribute("secret", text.replaceAll("(.{4})(?!$)", "$1 "));
        return "admin/authenticator-app";
    }

    @PostMapping(PATH + "/app/remove")
    String removeApp(@AuthenticationPrincipal SignedIn signedIn, RedirectAttributes redirect) {
        if (secondFactors.removeApp(signedIn)) {
            redirect.addFlashAttribute(
                    "notice", "The authenticator app is removed: signing in no longer asks for its code.");
        }
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/recovery-codes")
    String newRecoveryCodes(@AuthenticationPrincipal SignedIn signedIn, Model model, RedirectAttributes redirect) {
        if (!secondFactors
                .summary(signedIn.accountId(), signedIn.getUsername(), signedIn.role())
                .any()) {
            redirect.addFlashAttribute(
                    "problem", "Add an authenticator app or a passkey first: recovery codes stand in for them.");
            return "redirect:" + PATH;
        }
        model.addAttribute("codes", secondFactors.newRecoveryCodes(signedIn));
        model.addAttribute("notice", "New recovery codes: the earlier ones no longer work.");
        return "admin/recovery-codes";
    }

    @PostMapping(PATH + "/passkeys/label")
    String renamePasskey(
            @RequestParam String id,
            @RequestParam(defaultValue = "") String label,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        String name = label.strip();
        if (name.isEmpty() || name.length() > LABEL_LENGTH) {
            redirect.addFlashAttribute("problem", "A passkey's name is 1 to " + LABEL_LENGTH + " characters.");
        } else if (!secondFactors.renamePasskey(signedIn, id, name)) {
            throw new UnknownPasskey();
        } else {
            redirect.addFlashAttribute("notice", "Renamed the passkey “" + name + "”.");
        }
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/passkeys/remove")
    String removePasskey(
            @RequestParam String id, @AuthenticationPrincipal SignedIn signedIn, RedirectAttributes redirect) {
        SecondFactors.Passkey passkey = secondFactors.passkeys(signedIn.getUsername()).stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(UnknownPasskey::new);
        passkeys.delete(Bytes.fromBase64(passkey.id()));
        redirect.addFlashAttribute("notice", "Removed the passkey “" + passkey.label() + "”.");
        return "redirect:" + PATH;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Not one of this person's passkeys (removed already, or someone else's). */
    @ResponseStatus(value = HttpStatus.NOT_FOUND, reason = "No such passkey among yours")
    static class UnknownPasskey extends RuntimeException {

        UnknownPasskey() {
            super("No such passkey among yours", null, false, false);
        }
    }
}
