package com.bestever.poll;

import com.bestever.system.Dates;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a vote passes before it is counted, in this order: it comes from this site's own page,
 * the poll is one readers may see and it is open, the choice is one of its answers ({@link
 * #check}), and the reader's address has votes left this minute and in this poll ({@link #admit}). A vote that fails is refused with a {@link PollProblem} the
 * reader can act on; nothing is counted.
 */
@Component
class VoteIntake {

    private final SameSiteCheck sameSite;
    private final VoteThrottle throttle;
    private final Polls polls;
    private final PollStates states;
    private final Dates dates;
    private final VoteCap cap;
    private final PollSettings settings;
    private final VoteMeters meters;

    VoteIntake(
            SameSiteCheck sameSite,
            VoteThrottle throttle,
            Polls polls,
            PollStates states,
            Dates dates,
            VoteCap cap,
            PollSettings settings,
            VoteMeters meters) {
        this.meters = meters;
        this.cap = cap;
        this.settings = settings;
        this.sameSite = sameSite;
        this.throttle = throttle;
        this.polls = polls;
        this.states = states;
        this.dates = dates;
    }

    /** A vote that passed every check: to be counted. */
    record Vote(Poll poll, Poll.Answer choice, String clientHash) {}

    /** A vote for a poll that takes it, with a real answer; the reader's address not yet throttled. */
    record Ballot(Poll poll, Poll.Answer choice) {}

    /**
     * Checks a vote for the poll at {@code pollId} with the form's {@code choice} field: it comes
     * from this site, the poll is open and the choice is one of its answers.
     */
    Ballot check(String pollId, String choice, HttpServletRequest request) {
        if (!sameSite.fromThisSite(request)) {
            meters.refused("cross-site");
            throw new PollProblem(HttpStatus.FORBIDDEN, "Votes are taken only from this site’s own pages.");
        }
        Poll poll = polls.visible(pollId);
        PollState state = states.state(poll);
        if (state.isUpcoming()) {
            meters.refused("not-open");
            throw new PollProblem(
                    HttpStatus.CONFLICT,
                    "This poll is not open yet: voting opens on " + dates.moment(poll.opensAt()) + ".",
                    poll,
                    null);
        }
        if (state.isClosed()) {
            meters.refused("closed");
            throw new PollProblem(
                    HttpStatus.CONFLICT,
                    "This poll closed on " + dates.moment(poll.closesAt()) + "; it takes no more votes.",
                    poll,
                    null);
        }
        try {
            return new Ballot(poll, answerOf(choice, poll));
        } catch (PollProblem invalid) {
            meters.refused("invalid");
            throw invalid;
        }
    }

    /** Takes the vote from the address's allowance: a vote to count, or a 429 with how long to wait. */
    Vote admit(Ballot ballot, HttpServletRequest request) {
        String clientHash = throttled(request);
        if (!cap.take(ballot.poll(), clientHash)) {
            meters.refused("cap");
            throw new PollProblem(
                    HttpStatus.FORBIDDEN,
                    "This poll has taken " + settings.votesPerClientPerPoll()
                            + " votes from your address, as many as it takes from one; nothing was counted.",
                    ballot.poll(),
                    null);
        }
        return new Vote(ballot.poll(), ballot.choice(), clientHash);
    }

    /** A change of a vote: throttled like a vote, but it adds none, so the per-poll cap is not asked. */
    Vote admitChange(Ballot ballot, HttpServletRequest request) {
        return new Vote(ballot.poll(), ballot.choice(), throttled(request));
    }

    private String throttled(HttpServletRequest request) {
        String clientHash = throttle.clientHash(request);
        Duration wait = throttle.take(clientHash);
        if (!wait.isZero()) {
            meters.refused("throttled");
            throw new PollProblem(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many votes came from your address. Please wait a little and try again.",
                    null,
                    wait);
        }
        return clientHash;
    }

    private static Poll.Answer answerOf(String choice, Poll poll) {
        if (choice == null || choice.isBlank()) {
            throw new PollProblem(HttpStatus.BAD_REQUEST, "Choose one of the answers before you vote.", poll, null);
        }
        try {
            return poll.answer(Long.parseLong(choice.strip())).orElseThrow(() -> notAnAnswer(poll));
        } catch (NumberFormatException ex) {
            throw notAnAnswer(poll);
        }
    }

    private static PollProblem notAnAnswer(Poll poll) {
        return new PollProblem(
                HttpStatus.BAD_REQUEST,
                "That choice is not one of this poll’s answers; nothing was counted.",
                poll,
                null);
    }
}
