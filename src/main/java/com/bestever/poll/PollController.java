package com.bestever.poll;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

import tools.jackson.databind.ObjectMapper;

import com.bestever.system.Dates;

/**
 * "You tell us": a reader votes ({@code POST /polls/{id}/votes}) and sees the standings on the
 * poll's own, private page ({@code /polls/{id}/results}). Without JavaScript the vote answers
 * with a 303 to that page; the script asks for JSON instead. Nothing here is cacheable.
 */
@Controller
class PollController {

    private static final Logger log = LoggerFactory.getLogger(PollController.class);
    private static final String NO_STORE = CacheControl.noStore().cachePrivate().getHeaderValue();
    /** A vote is answered when it is committed, never with a guess after a timeout. */
    private static final long NO_TIMEOUT = -1;
    private static final CompletableFuture<Void> NOTHING_TO_WRITE = CompletableFuture.completedFuture(null);

    private final Polls polls;
    private final PollCounter counter;
    private final VoterCookies cookies;
    private final VoteThrottle throttle;
    private final SameSiteCheck sameSite;
    private final PollStates states;
    private final Dates dates;
    private final Executor tasks;
    private final ObjectMapper json;

    PollController(Polls polls, PollCounter counter, VoterCookies cookies, VoteThrottle throttle,
            SameSiteCheck sameSite, PollStates states, Dates dates,
            @Qualifier("applicationTaskExecutor") Executor tasks, ObjectMapper json) {
        this.polls = polls;
        this.counter = counter;
        this.cookies = cookies;
        this.throttle = throttle;
        this.sameSite = sameSite;
        this.states = states;
        this.dates = dates;
        this.tasks = tasks;
        this.json = json;
    }

    @PostMapping("/polls/{id}/votes")
    DeferredResult<ResponseEntity<?>> vote(@PathVariable String id,
            @RequestParam(name = "choice", required = false) String choiceField,
            HttpServletRequest request, HttpServletResponse response) {
        if (!sameSite.fromThisSite(request)) {
            throw new PollProblem(HttpStatus.FORBIDDEN, "Votes are taken only from this site’s own pages.");
        }
        String clientHash = throttle.clientHash(request);
        Duration wait = throttle.take(clientHash);
        if (!wait.isZero()) {
            throw new PollProblem(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many votes came from your address. Please wait a little and try again.", null, wait);
        }
        Poll poll = poll(id);
        PollState state = states.state(poll);
        if (state.isUpcoming()) {
            throw new PollProblem(HttpStatus.CONFLICT,
                    "This poll is not open yet: voting opens on " + dates.moment(poll.opensAt()) + ".", poll, null);
        }
        if (state.isClosed()) {
            throw new PollProblem(HttpStatus.CONFLICT,
                    "This poll closed on " + dates.moment(poll.closesAt()) + "; it takes no more votes.", poll, null);
        }
        Poll.Answer choice = answerOf(choiceField, poll);

        Optional<String> knownVoter = cookies.voterOf(request);
        String voter = knownVoter.orElseGet(cookies::newVoterId);
        if (knownVoter.isEmpty()) {
            response.addHeader(HttpHeaders.SET_COOKIE, cookies.cookieFor(voter, request).toString());
        }
        // Answered once the vote is committed; no request thread waits for it meanwhile. The
        // answer is written straight onto the request (DirectAnswer); a vote that could not be
        // counted is answered through Spring MVC instead, with the problem page or JSON.
        DeferredResult<ResponseEntity<?>> answer = new DeferredResult<>(NO_TIMEOUT);
        DirectAnswer direct = DirectAnswer.of(request);
        boolean wantsJson = PollViews.wantsJson(request);
        // The JSON answer reads the standings from the database: on a task thread, not the vote counter's.
        Executor answerOn = wantsJson ? tasks : Runnable::run;
        CompletableFuture<Void> answered = counter.count(poll.id(), choice.id(), voter, clientHash)
                .handleAsync((isNew, error) -> {
                    if (error != null) {
                        answer.setErrorResult(notCounted(poll));
                        return NOTHING_TO_WRITE;
                    }
                    DirectAnswer.Answer reply;
                    try {
                        reply = wantsJson ? standings(poll, choice, voter, isNew) : seeOther(poll, isNew);
                    }
                    catch (RuntimeException ex) {
                        answer.setErrorResult(ex);
                        return NOTHING_TO_WRITE;
                    }
                    return direct.send(reply);
                }, answerOn)
                .thenCompose(written -> written);
        // Handing the answer back to the web server should never fail; if it does, the reader's
        // request is left unanswered, so say so loudly rather than lose it without a trace.
        answered.exceptionally(ex -> {
            log.error("The answer to a vote on poll {} could not be handed back to the reader", poll.id(), ex);
            return null;
        });
        return answer;
    }

    /** Without JavaScript: to the poll's own page, which shows the standings and the reader's choice. */
    private static DirectAnswer.Answer seeOther(Poll poll, boolean isNew) {
        String results = "/polls/" + poll.id() + "/results?vote=" + (isNew ? "counted" : "again");
        return response -> {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
            response.setHeader(HttpHeaders.LOCATION, results);
        };
    }

    /** For the page's script: the live standings, the reader's choice and what to tell them. */
    private DirectAnswer.Answer standings(Poll poll, Poll.Answer choice, String voter, boolean isNew) {
        String yourChoice = isNew ? choice.label() : polls.choiceOf(poll, voter).orElse(choice.label());
        byte[] body = json.writeValueAsBytes(PollAnswer.of(polls.standings(poll), yourChoice, isNew,
                PollViews.voteMessage(isNew, yourChoice)));
        return response -> {
            response.setStatus(HttpStatus.OK.value());
            response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        };
    }

    /** The vote was not written: say so, and that nothing was counted. */
    private static PollProblem notCounted(Poll poll) {
        return new PollProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "Your vote could not be counted just now. Nothing was counted; please try again.", poll,
                Duration.ofSeconds(1));
    }

    @GetMapping("/polls/{id}/results")
    Object results(@PathVariable String id, @RequestParam(name = "vote", required = false) String vote,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Poll poll = poll(id);
        String choice = cookies.voterOf(request).flatMap(voter -> polls.choiceOf(poll, voter)).orElse(null);
        Standings standings = polls.standings(poll);
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
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
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        if (problem.retryAfter() != null) {
            long seconds = Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        if (PollViews.wantsJson(request)) {
            return ResponseEntity.status(problem.status())
                    .body(new PollAnswer.Error(problem.status().value(), problem.getMessage()));
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

    private Poll poll(String id) {
        long number;
        try {
            number = Long.parseLong(id);
        }
        catch (NumberFormatException ex) {
            throw new PollProblem(HttpStatus.NOT_FOUND, "There is no poll at this address.");
        }
        return polls.poll(number).filter(polls::isPublic)
                .orElseThrow(() -> new PollProblem(HttpStatus.NOT_FOUND, "There is no poll at this address."));
    }

    private static Poll.Answer answerOf(String choice, Poll poll) {
        if (choice == null || choice.isBlank()) {
            throw new PollProblem(HttpStatus.BAD_REQUEST, "Choose one of the answers before you vote.", poll, null);
        }
        try {
            return poll.answer(Long.parseLong(choice.strip())).orElseThrow(() -> notAnAnswer(poll));
        }
        catch (NumberFormatException ex) {
            throw notAnAnswer(poll);
        }
    }

    private static PollProblem notAnAnswer(Poll poll) {
        return new PollProblem(HttpStatus.BAD_REQUEST,
                "That choice is not one of this poll’s answers; nothing was counted.", poll, null);
    }
}
