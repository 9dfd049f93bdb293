package com.bestever.poll;

import com.bestever.system.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.ModelAndView;

/**
 * "You tell us": a reader votes ({@code POST /polls/{id}/votes}) and sees the standings on the
 * poll's own, private page ({@code /polls/{id}/results}). Without JavaScript the vote answers
 * with a 303 to that page; the script asks for JSON instead. Nothing here is cacheable.
 */
@Controller
class PollController {

    private final VoteIntake intake;
    private final VoteAnswers answers;
    private final Polls polls;
    private final PollStates states;
    private final VoterCookies cookies;

    PollController(VoteIntake intake, VoteAnswers answers, Polls polls, PollStates states, VoterCookies cookies) {
        this.intake = intake;
        this.answers = answers;
        this.polls = polls;
        this.states = states;
        this.cookies = cookies;
    }

    /** Checks the vote, then answers once it is counted (see VoteIntake, VoteAnswers). */
    @PostMapping("/polls/{id}/votes")
    DeferredResult<ResponseEntity<?>> vote(
            @PathVariable String id,
            @RequestParam(name = "choice", required = false) String choice,
            HttpServletRequest request,
            HttpServletResponse response) {
        VoteIntake.Vote vote = intake.admit(id, choice, request);
        return answers.count(vote, voter(request, response), request);
    }

    /** The reader's voter id, from their cookie; a reader without one is given one. */
    private String voter(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> known = cookies.voterOf(request);
        String voter = known.orElseGet(cookies::newVoterId);
        if (known.isEmpty()) {
            response.addHeader(
                    HttpHeaders.SET_COOKIE, cookies.cookieFor(voter, request).toString());
        }
        return voter;
    }

    @GetMapping("/polls/{id}/results")
    Object results(
            @PathVariable String id,
            @RequestParam(name = "vote", required = false) String vote,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Poll poll = polls.visible(id);
        String choice = cookies.voterOf(request)
                .flatMap(voter -> polls.choiceOf(poll, voter))
                .orElse(null);
        Standings standings = polls.standings(poll);
        response.setHeader(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE);
        if (PollViews.wantsJson(request)) {
            return ResponseEntity.ok().body(PollAnswer.of(standings, choice, null, null));
        }
        model.addAttribute("poll", poll);
        model.addAttribute("state", states.state(poll));
        model.addAttribute("standings", standings);
        model.addAttribute("choice", choice);
        model.addAttribute("notice", choice == null ? null : PollViews.noticeAfterRedirect(vote, choice));
        model.addAttribute("reviewSlug", polls.reviewSlug(poll).orElse(null));
        return "poll/results";
    }

    @ExceptionHandler(PollProblem.class)
    Object problem(PollProblem problem, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE);
        if (problem.retryAfter() != null) {
            long seconds = Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        if (PollViews.wantsJson(request)) {
            return ResponseEntity.status(problem.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Refusals.problem(problem.status(), problem.getMessage()));
        }
        ModelAndView page = new ModelAndView("poll/problem", problem.status());
        page.addObject("status", problem.status().value());
        page.addObject("message", problem.getMessage());
        if (problem.poll() != null) {
            page.addObject("poll", problem.poll());
            page.addObject("reviewSlug", polls.reviewSlug(problem.poll()).orElse(null));
        }
        return page;
    }
}
