package com.bestever.poll;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    private final VoteCap cap;
    private final VoidedVotes voided;
    private final VoteMeters meters;

    VoteAnswers(
            PollCounter counter,
            Polls polls,
            @Qualifier("applicationTaskExecutor") Executor tasks,
            ObjectMapper json,
            VoteCap cap,
            VoidedVotes voided,
            VoteMeters meters) {
        this.cap = cap;
        this.voided = voided;
        this.meters = meters;
        this.counter = counter;
        this.polls = polls;
        this.tasks = tasks;
        this.json = json;
    }

    /** Hands the vote to the counter; the returned result is answered once the vote is committed. */
    DeferredResult<ResponseEntity<?>> count(VoteIntake.Vote vote, String voter, HttpServletRequest request) {
        return answer(vote, voter, request, false);
    }

    /** A reader changes their vote in this round (see {@link PollCounter#change}); answered as a vote is. */
    DeferredResult<ResponseEntity<?>> change(VoteIntake.Vote vote, String voter, HttpServletRequest request) {
        return answer(vote, voter, request, true);
    }

    private DeferredResult<ResponseEntity<?>> answer(
            VoteIntake.Vote vote, String voter, HttpServletRequest request, boolean change) {
        Poll poll = vote.poll();
        Poll.Answer choice = vote.choice();
        DeferredResult<ResponseEntity<?>> answer = new DeferredResult<>(NO_TIMEOUT);
        DirectAnswer direct = DirectAnswer.of(request);
        boolean wantsJson = PollViews.wantsJson(request);
        // The JSON answer reads the standings from the database: on a task thread, not the vote counter's.
        Executor answerOn = wantsJson ? tasks : Runnable::run;
        CompletableFuture<Boolean> settled = change
                ? counter.change(poll.id(), poll.round(), choice.id(), voter)
                : counter.count(poll.id(), poll.round(), choice.id(), voter, vote.clientHash());
        CompletableFuture<Void> answered = settled.handle((isNew, error) -> error == null
                        ? Outcome.of(isNew)
                        : (error instanceof CompletionException wrapped ? wrapped.getCause() : error)
                                        instanceof PollCounter.VoteNotTaken
                                ? Outcome.NOT_TAKEN
                                : Outcome.FAILED)
                // A failure is not proof that nothing was counted (a commit whose answer was lost):
                // the database says, on a task thread, never on the vote counter's. A vote the
                // writer never took is known not to be counted: no need to ask.
                .thenCompose(outcome -> outcome == Outcome.FAILED
                        ? CompletableFuture.supplyAsync(() -> recheck(poll, choice, voter), tasks)
                        : CompletableFuture.completedFuture(outcome))
                .handleAsync(
                        (outcome, failure) -> {
                            Outcome settledAs = failure != null ? Outcome.UNKNOWN : outcome;
                            if (!change) {
                                meters.settled(settledAs);
                                if (settledAs == Outcome.REPEAT
                                        || settledAs == Outcome.FAILED
                                        || settledAs == Outcome.NOT_TAKEN) {
                                    cap.giveBack(poll, vote.clientHash());
                                }
                            }
                            if (settledAs == Outcome.UNKNOWN) {
                                answer.setErrorResult(unconfirmed(poll));
                                return NOTHING_TO_WRITE;
                            }
                            if (settledAs == Outcome.FAILED || settledAs == Outcome.NOT_TAKEN) {
                                answer.setErrorResult(notCounted(poll));
                                return NOTHING_TO_WRITE;
                            }
                            boolean isNew = outcome == Outcome.COUNTED;
                            DirectAnswer.Answer reply;
                            try {
                                reply = wantsJson
                                        ? standings(poll, choice, voter, isNew, change)
                                        : seeOther(poll, PollViews.outcomeWord(isNew, change));
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

    /**
     * What became of a vote: counted, a repeat, not written, never taken by the writer (its
     * deadline passed), or not known (the database did not answer).
     */
    enum Outcome {
        COUNTED,
        REPEAT,
        FAILED,
        NOT_TAKEN,
        UNKNOWN;

        static Outcome of(Boolean isNew) {
            return Boolean.TRUE.equals(isNew) ? COUNTED : REPEAT;
        }
    }

    /**
     * The counter could not confirm the vote: whether the reader's vote is in the database
     * decides the answer. In it, it was counted (this request's, or an earlier one's if it holds
     * another answer: it counts once either way); not in it, nothing was counted.
     */
    Outcome recheck(Poll poll, Poll.Answer choice, String voter) {
        try {
            return polls.choiceOf(poll, voter)
                    .map(label -> label.equals(choice.label()) ? Outcome.COUNTED : Outcome.REPEAT)
                    .orElse(Outcome.FAILED);
        } catch (RuntimeException ex) {
            log.warn("Could not tell whether a vote on poll {} was counted", poll.id(), ex);
            return Outcome.UNKNOWN;
        }
    }

    /** Without JavaScript: to the poll's own page, which shows the standings and the reader's choice. */
    private static DirectAnswer.Answer seeOther(Poll poll, String outcome) {
        String results = "/polls/" + poll.id() + "/results?vote=" + outcome;
        return response -> {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE);
            response.setHeader(HttpHeaders.LOCATION, results);
        };
    }

    /** For the page's script: the live standings, the reader's choice and what to tell them. */
    private DirectAnswer.Answer standings(Poll poll, Poll.Answer choice, String voter, boolean isNew, boolean change) {
        PollAnswer reply;
        try {
            String yourChoice =
                    isNew ? choice.label() : polls.choiceOf(poll, voter).orElse(choice.label());
            String message = PollViews.noticeAfterRedirect(PollViews.outcomeWord(isNew, change), yourChoice);
            reply = poll.resultsShown().shows(true, false)
                    ? PollAnswer.of(
                            polls.standings(poll),
                            false,
                            voided.excluded(poll.id(), poll.round()),
                            yourChoice,
                            isNew,
                            message)
                    : PollAnswer.hidden(
                            true, false, voided.excluded(poll.id(), poll.round()), yourChoice, isNew, message);
        } catch (RuntimeException ex) {
            // The vote is settled; only the standings could not be read: say what happened to the vote.
            log.warn("The standings of poll {} could not be read after a vote", poll.id(), ex);
            reply = PollAnswer.withoutStandings(
                    isNew ? choice.label() : null, isNew, PollViews.voteMessageWithoutStandings(isNew));
        }
        byte[] body = json.writeValueAsBytes(reply);
        return response -> {
            response.setStatus(HttpStatus.OK.value());
            response.setHeader(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        };
    }

    /** Whether the vote was written is not known: ask for it again, which can never count it twice. */
    private static PollProblem unconfirmed(Poll poll) {
        return new PollProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Your vote could not be confirmed just now. Please send it again: it counts once however often it is sent.",
                poll,
                Duration.ofSeconds(1));
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
