package com.bestever.poll;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.databind.ObjectMapper;

/**
 * Counts an admitted vote and answers the reader once it is committed; no request thread waits
 * meanwhile. The answer is written straight onto the request ({@link DirectAnswer}): a 303 to
 * the poll's page, or the live standings as JSON for the page's script. A vote that could not be
 * counted is answered through Spring MVC instead, with the problem page or JSON.
 */
@Component
class VoteAnswers {

    private static final Logger log = LoggerFactory.getLogger(VoteAnswers.class);
    /** A vote is answered when it is committed, never with a guess after a timeout. */
    private static final long NO_TIMEOUT = -1;

    private static final CompletableFuture<Void> NOTHING_TO_WRITE = CompletableFuture.completedFuture(null);

    private final PollCounter counter;
    private final Polls polls;
    private final Executor tasks;
    private final ObjectMapper json;

    VoteAnswers(
            PollCounter counter, Polls polls, @Qualifier("applicationTaskExecutor") Executor tasks, ObjectMapper json) {
        this.counter = counter;
        this.polls = polls;
        this.tasks = tasks;
        this.json = json;
    }

    /** Hands the vote to the counter; the returned result is answered once the vote is committed. */
    DeferredResult<ResponseEntity<?>> count(VoteIntake.Vote vote, String voter, HttpServletRequest request) {
        Poll poll = vote.poll();
        Poll.Answer choice = vote.choice();
        DeferredResult<ResponseEntity<?>> answer = new DeferredResult<>(NO_TIMEOUT);
        DirectAnswer direct = DirectAnswer.of(request);
        boolean wantsJson = PollViews.wantsJson(request);
        // The JSON answer reads the standings from the database: on a task thread, not the vote counter's.
        Executor answerOn = wantsJson ? tasks : Runnable::run;
        CompletableFuture<Void> answered = counter.count(poll.id(), choice.id(), voter, vote.clientHash())
                .handleAsync(
                        (isNew, error) -> {
                            if (error != null) {
                                answer.setErrorResult(notCounted(poll));
                                return NOTHING_TO_WRITE;
                            }
                            DirectAnswer.Answer reply;
                            try {
                                reply = wantsJson ? standings(poll, choice, voter, isNew) : seeOther(poll, isNew);
                            } catch (RuntimeException ex) {
                                answer.setErrorResult(ex);
                                return NOTHING_TO_WRITE;
                            }
                            return direct.send(reply);
                        },
                        answerOn)
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
            response.setHeader(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE);
            response.setHeader(HttpHeaders.LOCATION, results);
        };
    }

    /** For the page's script: the live standings, the reader's choice and what to tell them. */
    private DirectAnswer.Answer standings(Poll poll, Poll.Answer choice, String voter, boolean isNew) {
        String yourChoice = isNew ? choice.label() : polls.choiceOf(poll, voter).orElse(choice.label());
        byte[] body = json.writeValueAsBytes(
                PollAnswer.of(polls.standings(poll), yourChoice, isNew, PollViews.voteMessage(isNew, yourChoice)));
        return response -> {
            response.setStatus(HttpStatus.OK.value());
            response.setHeader(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        };
    }

    /** The vote was not written: say so, and that nothing was counted. */
    private static PollProblem notCounted(Poll poll) {
        return new PollProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Your vote could not be counted just now. Nothing was counted; please try again.",
                poll,
                Duration.ofSeconds(1));
    }
}
