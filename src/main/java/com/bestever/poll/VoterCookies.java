package com.bestever.poll;

import com.bestever.system.BestEverProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The long-lived voter cookie: a random id and its HMAC signature ({@code id.signature}),
 * HttpOnly, SameSite=Lax, sent only to {@code /polls/} so public pages never see it (and a
 * cache never has a reason to vary on it). It is set on the vote POST only.
 */
@Component
class VoterCookies {

    static final String NAME = "bestever_voter";
    static final String PATH = "/polls/";

    private final VoterKey key;
    private final PollSettings settings;
    private final boolean secureSite;

    VoterCookies(VoterKey key, PollSettings settings, BestEverProperties properties) {
        this.key = key;
        this.settings = settings;
        this.secureSite = properties.baseUrl().startsWith("https:");
    }

    /** The reader's voter id, if they carry a cookie this site signed; a forged one counts as none. */
    Optional<String> voterOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())) {
                Optional<String> voter = verified(cookie.getValue());
                if (voter.isPresent()) {
                    return voter;
                }
            }
        }
        return Optional.empty();
    }

    Optional<String> verified(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot < 1 || dot > 64 || dot == value.length() - 1) {
            return Optional.empty();
        }
        String voterId = value.substring(0, dot);
        return key.verify(voterId, value.substring(dot + 1)) ? Optional.of(voterId) : Optional.empty();
    }

    String newVoterId() {
        return key.newVoterId();
    }

    /** The signed cookie value for a voter id. */
    String valueFor(String voterId) {
        return voterId + "." + key.sign(voterId);
    }

    ResponseCookie cookieFor(String voterId, HttpServletRequest request) {
        return ResponseCookie.from(NAME, valueFor(voterId))
                .path(PATH)
                .maxAge(settings.voterCookieLifetime())
                .httpOnly(true)
                .secure(secureSite || request.isSecure())
                .sameSite("Lax")
                .build();
    }
}
