package com.bestever.poll;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

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
    private final PollVerdicts verdicts;
    private final VoidedVotes voided;
    private final Challengers challengers;

    PollController(
            VoteIntake intake,
            VoteAnswers answers,
            Polls polls,
            PollStates states,
            VoterCookies cookies,
            PollVerdicts verdicts,
            VoidedVotes voided,
            Challengers challengers) {
        this.verdicts = verdicts;
        this.voided = voided;
        this.challengers = challengers;
        this.intake = intake;
        this.answers = answers;
        this.polls = polls;
        this.states = states;
        this.cookies = cookies;
    }

    /**
     * Checks the vote, then answers once it is counted (see VoteIntake, VoteAnswers).
     *
     * <p>A new reader (no voter cookie) is first given one, with a 307 that sends the same vote
     * again; nothing is counted yet. The vote is counted only under a cookie the browser already
     * holds, so a vote whose answer was lost and that the reader sends again is the same
     * reader's, and counts once. A browser that refuses cookies comes back without one ({@code
     * ?voter=new}): its vote is counted under a fresh id, as it would be with no such step.
     */
    @PostMapping("/polls/{id}/votes")
    Object vote(
            @PathVariable String id,
            @RequestParam(name = "choice", required = false) String choice,
            @RequestParam(name = "voter", required = false) String voterParam,
            @RequestParam(name = "change", required = false) String change,
            HttpServletRequest request,
            HttpServletResponse response) {
        VoteIntake.Ballot ballot = intake.check(id, choice, request);
        Optional<String> known = cookies.voterOf(request);
        if (known.isEmpty() && !"new".equals(voterParam)) {
            String voter = cookies.newVoterId();
            return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
                    .header(HttpHeaders.LOCATION, "/polls/" + ballot.poll().id() + "/votes?voter=new")
                    .header(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE)
                    .header(
                            HttpHeaders.SET_COOKIE,
                            cookies.cookieFor(voter, request).toString())
                    .build();
        }
        if ("1".equals(change) && known.isPresent()) {
            // A change adds no vote, so it is not taken from the address's allowance in the poll.
            return answers.change(intake.admitChange(ballot, request), known.get(), request);
        }
        VoteIntake.Vote vote = intake.admit(ballot, request);
        return answers.count(vote, known.orElseGet(cookies::newVoterId), request);
    }

    @GetMapping("/polls/{id}/results")
    Object results(
            @PathVariable String id,
            @RequestParam(name = "vote", required = false) String vote,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Poll poll = polls.visible(id);
        Optional<String> voter = cookies.voterOf(request);
        String choice = voter.flatMap(reader -> polls.choiceOf(poll, reader)).orElse(null);
        PollState state = states.state(poll);
        // Shown always, once this reader has voted, or once the poll closed: as the editor chose.
        Standings standings =
                poll.resultsShown().shows(choice != null, state.isClosed()) ? polls.standings(poll) : null;
        List<PollVerdicts.Verdict> frozen = verdicts.of(poll.id());
        boolean isFinal = frozen.stream().anyMatch(verdict -> verdict.round() == poll.round());
        long excluded = voided.excluded(poll.id(), poll.round());
        response.setHeader(HttpHeaders.CACHE_CONTROL, PollViews.NO_STORE);
        if (PollViews.wantsJson(request)) {
            return ResponseEntity.ok()
                    .body(
                            standings == null
                                    ? PollAnswer.hidden(state.isOpen(), isFinal, excluded, choice, null, null)
                                    : PollAnswer.of(standings, isFinal, excluded, choice, null, null));
        }
        model.addAttribute("verdicts", frozen);
        model.addAttribute("excluded", excluded);
        model.addAttribute("poll", poll);
        model.addAttribute("state", state);
        model.addAttribute("standings", standings);
        model.addAttribute("choice", choice);
        model.addAttribute("notice", choice == null ? null : PollViews.noticeAfterRedirect(vote, choice));
        model.addAttribute("reviewSlug", polls.reviewSlug(poll).orElse(null));
        // A reader whose vote says "no" may name the film they would put first, once.
        String named =
                choice == null ? null : challengers.namedBy(poll, voter.get()).orElse(null);
        boolean mayName = choice != null && named == null && challengers.mayName(poll, voter.get());
        model.addAttribute("challenger", named);
        model.addAttribute("contenders", mayName ? challengers.contenders(poll) : null);
        model.addAttribute("titleMax", Challengers.TITLE_MAX);
        return "poll/results";
    }
}
