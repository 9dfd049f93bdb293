package com.bestever.poll;

import com.bestever.admin.SignedIn;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The challengers desk ({@code /admin/challengers}): titles readers typed, waiting for an
 * editor's approval, and every genre's challengers as candidates for the next review.
 */
@Controller
class ChallengerDeskController {

    private final Challengers challengers;

    ChallengerDeskController(Challengers challengers) {
        this.challengers = challengers;
    }

    @GetMapping("/admin/challengers")
    String list(Model model) {
        model.addAttribute("pending", challengers.pending());
        model.addAttribute("candidates", challengers.candidates());
        return "poll/challengers";
    }

    @PostMapping("/admin/challengers/approve")
    String approve(
            @RequestParam(name = "genre", required = false) Long genreId,
            @RequestParam(name = "title", required = false) String title,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        return moderate(genreId, title, true, signedIn, redirect);
    }

    @PostMapping("/admin/challengers/reject")
    String reject(
            @RequestParam(name = "genre", required = false) Long genreId,
            @RequestParam(name = "title", required = false) String title,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        return moderate(genreId, title, false, signedIn, redirect);
    }

    private String moderate(
            Long genreId, String title, boolean approve, SignedIn signedIn, RedirectAttributes redirect) {
        if (signedIn == null || !signedIn.isEditor()) {
            throw new AccessDeniedException("Only editors approve challengers");
        }
        if (genreId == null || title == null || title.isBlank() || title.length() > Challengers.TITLE_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Approve or reject a title from the list.");
        }
        int changed = challengers.moderate(genreId, title, approve, signedIn);
        if (changed == 0) {
            redirect.addFlashAttribute("problem", "“" + title.strip() + "” is no longer waiting; nothing changed.");
        } else {
            redirect.addFlashAttribute(
                    "notice",
                    "“" + title.strip() + "” " + (approve ? "approved" : "rejected") + " (" + changed
                            + (changed == 1 ? " reader)." : " readers)."));
        }
        return "redirect:/admin/challengers";
    }
}
