package com.bestever.poll;

import com.bestever.system.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refused vote or challenger, answered for the reader: the problem page, or problem+json for
 * the page's script; never cacheable, with Retry-After when waiting helps.
 */
@ControllerAdvice(assignableTypes = {PollController.class, ChallengerController.class, PollVotesController.class})
class PollProblems {

    private final Polls polls;

    PollProblems(Polls polls) {
        this.polls = polls;
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
        page.addObject("aboutChallenger", request.getRequestURI().endsWith("/challengers"));
        if (problem.poll() != null) {
            page.addObject("poll", problem.poll());
            page.addObject("reviewSlug", polls.reviewSlug(problem.poll()).orElse(null));
        }
        return page;
    }
}
