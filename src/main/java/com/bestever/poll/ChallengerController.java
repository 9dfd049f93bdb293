package com.bestever.poll;

import com.bestever.system.TextRule;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A reader names their challenger ({@code POST /polls/{id}/challengers}) from the poll's own,
 * private page, after voting "no": a film from the list, or a title in their words. Without
 * JavaScript: a 303 back to that page, which then shows what they named. A refusal is answered
 * like a refused vote ({@link PollProblems}): a 4xx page saying why.
 */
@Controller
class ChallengerController {

    private final SameSiteCheck sameSite;
    private final Polls polls;
    private final VoterCookies cookies;
    private final Challengers challengers;

    ChallengerController(SameSiteCheck sameSite, Polls polls, VoterCookies cookies, Challengers challengers) {
        this.sameSite = sameSite;
        this.polls = polls;
        this.cookies = cookies;
        this.challengers = challengers;
    }

    @PostMapping("/polls/{id}/challengers")
    ResponseEntity<Void> name(
            @PathVariable String id,
            @RequestParam(name = "film", required = false) String film,
            @RequestParam(name = "title", required = false) String title,
            HttpServletRequest request) {
        if (!sameSite.fromThisSite(request)) {
            throw new PollProblem(HttpStatus.FORBIDDEN, "Challengers are taken only from this site’s own pages.");
        }
        Poll poll = polls.visible(id);
        String voter = cookies.voterOf(request)
                .orElseThrow(() -> new PollProblem(
                        HttpStatus.FORBIDDEN, "Vote first: a challenger is named after a vote.", poll, null));
        Long filmId = filmId(film, poll);
        String typed = title == null ? "" : title.strip();
        if (filmId == null && typed.isEmpty()) {
            throw refused("Pick a film from the list, or type its title.", poll);
        }
        if (filmId != null && !typed.isEmpty()) {
            throw refused("Pick a film from the list or type a title, not both.", poll);
        }
        if (typed.length() > Challengers.TITLE_MAX) {
            throw refused("A title has at most " + Challengers.TITLE_MAX + " characters.", poll);
        }
        if (!TextRule.acceptable(typed)) {
            throw refused(TextRule.MESSAGE, poll);
        }
        challengers.name(poll, voter, filmId, filmId == null ? TextRule.normalised(typed) : null);
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, "/polls/" + poll.id() + "/results")
                .header(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE)
                .build();
    }

    private static Long filmId(String film, Poll poll) {
        if (film == null || film.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(film.strip());
        } catch (NumberFormatException ex) {
            throw refused("That film is not one of the choices; pick one from the list.", poll);
        }
    }

    private static PollProblem refused(String message, Poll poll) {
        return new PollProblem(HttpStatus.BAD_REQUEST, message, poll, null);
    }
}
