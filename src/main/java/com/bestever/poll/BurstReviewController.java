package com.bestever.poll;

import com.bestever.admin.SignedIn;
import com.bestever.system.Dates;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vote-abuse review of one poll ({@code /admin/polls/{id}/bursts}), editors only: its
 * bursts, and a form that voids one (a client hash, optionally within a time range, in UTC
 * like the minutes listed), with the reason kept beside every voided vote.
 */
@Controller
class BurstReviewController {

    /** A client hash as the site writes them (hexadecimal), at most the column’s 64 characters. */
    private static final Pattern CLIENT_HASH = Pattern.compile("[0-9a-fA-F]{1,64}");

    private final BurstReview review;

    BurstReviewController(BurstReview review) {
        this.review = review;
    }

    @GetMapping("/admin/polls/{id}/bursts")
    String show(@PathVariable long id, @AuthenticationPrincipal SignedIn signedIn, Model model) {
        editorsOnly(signedIn);
        model.addAttribute("review", review.of(id));
        model.addAttribute("reasonMax", BurstReview.REASON_MAX);
        return "poll/bursts";
    }

    @PostMapping("/admin/polls/{id}/bursts/void")
    ModelAndView voidBurst(
            @PathVariable long id,
            @RequestParam(name = "clientHash", required = false) String clientHash,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "until", required = false) String until,
            @RequestParam(name = "reason", required = false) String reason,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        editorsOnly(signedIn);
        try {
            long voided = review.voidBurst(id, burst(clientHash, from, until, reason), signedIn);
            redirect.addFlashAttribute(
                    "notice", Standings.votesText(voided) + " voided; readers now see them as excluded.");
            return new ModelAndView("redirect:/admin/polls/" + id + "/bursts");
        } catch (PollProblem problem) {
            if (problem.status() == HttpStatus.NOT_FOUND) {
                throw problem;
            }
            // The page again, with what was wrong and what the editor typed, under the refusal's status.
            ModelAndView page = new ModelAndView("poll/bursts", problem.status());
            page.addObject("review", review.of(id));
            page.addObject("reasonMax", BurstReview.REASON_MAX);
            page.addObject("problem", problem.getMessage());
            page.addObject("typedHash", clientHash);
            page.addObject("typedFrom", from);
            page.addObject("typedUntil", until);
            page.addObject("typedReason", reason);
            return page;
        }
    }

    /** A poll that is not there. */
    @ExceptionHandler(PollProblem.class)
    ModelAndView refused(PollProblem problem) {
        ModelAndView page = new ModelAndView("poll/problem", problem.status());
        page.addObject("status", problem.status().value());
        page.addObject("message", problem.getMessage());
        return page;
    }

    /** The form's burst, checked: a client hash, an optional time range (UTC) and a reason. */
    private static BurstReview.Burst burst(String clientHash, String from, String until, String reason) {
        String hash = clientHash == null ? "" : clientHash.strip();
        if (!CLIENT_HASH.matcher(hash).matches()) {
            throw refused("Give the client hash of the burst, in full, as the list shows it.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > BurstReview.REASON_MAX) {
            throw refused("Say why these votes are voided, in at most " + BurstReview.REASON_MAX + " characters.");
        }
        Instant start = instant(from);
        Instant end = instant(until);
        if (start != null && end != null && !end.isAfter(start)) {
            throw refused("The end of the time range must come after its start.");
        }
        return new BurstReview.Burst(hash, start, end, why);
    }

    private static Instant instant(String typed) {
        try {
            return Dates.parseInput(typed, ZoneOffset.UTC).orElse(null);
        } catch (DateTimeParseException ex) {
            throw refused("Give times as a date and a time (UTC), or leave them blank.");
        }
    }

    private static PollProblem refused(String message) {
        return new PollProblem(HttpStatus.BAD_REQUEST, message);
    }

    private static void editorsOnly(SignedIn signedIn) {
        if (signedIn == null || !signedIn.isEditor()) {
            throw new AccessDeniedException("Only editors review and void votes");
        }
    }
}
