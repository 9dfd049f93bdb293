package com.bestever.poll;

import com.bestever.admin.SignedIn;
import com.bestever.system.Dates;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The poll desk ({@code /admin/polls}): every poll, including one whose review was deleted
 * (withdrawn from readers, its votes kept), with its round, votes and verdicts; an editor closes
 * an open poll now or reopens a closed one for a new round.
 */
@Controller
class PollDeskController {

    private final JdbcClient jdbc;
    private final PollVerdicts verdicts;
    private final Clock clock;
    private final PollDesk desk;

    PollDeskController(JdbcClient jdbc, PollVerdicts verdicts, Clock clock, PollDesk desk) {
        this.desk = desk;
        this.jdbc = jdbc;
        this.verdicts = verdicts;
        this.clock = clock;
    }

    /** One poll as the desk lists it. */
    record Row(
            long id,
            String question,
            String filmTitle,
            String genreName,
            Long articleId,
            int round,
            PollState state,
            long votes,
            long verdicts,
            ResultsShown resultsShown) {}

    @GetMapping("/admin/polls")
    String list(Model model) {
        verdicts.freezeDue();
        Instant now = clock.instant();
        List<Row> rows = jdbc.sql("""
                        select q.id, q.question, f.title, g.name, q.article_id, q.round, q.opens_at, q.closes_at, q.results_shown,
                               (select coalesce(sum(o.votes), 0) from vote_option o where o.question_id = q.id) as votes,
                               (select count(*) from poll_verdict v where v.question_id = q.id) as verdicts
                          from vote_question q
                          join film f on f.id = q.film_id
                          join genre g on g.id = q.genre_id
                         order by q.id desc
                        """)
                .query((rs, i) -> new Row(
                        rs.getLong("id"),
                        rs.getString("question"),
                        rs.getString("title"),
                        rs.getString("name"),
                        rs.getObject("article_id", Long.class),
                        rs.getInt("round"),
                        PollState.at(
                                rs.getTimestamp("opens_at").toInstant(),
                                Dates.instantOrNull(rs.getTimestamp("closes_at")),
                                now),
                        rs.getLong("votes"),
                        rs.getLong("verdicts"),
                        ResultsShown.valueOf(rs.getString("results_shown"))))
                .list();
        model.addAttribute("polls", rows);
        model.addAttribute("modes", ResultsShown.values());
        return "poll/desk";
    }

    @PostMapping("/admin/polls/{id}/close")
    String close(@PathVariable long id, @AuthenticationPrincipal SignedIn signedIn, RedirectAttributes redirect) {
        editorsOnly(signedIn);
        verdicts.closeNow(id);
        redirect.addFlashAttribute("notice", "Poll " + id + " is closed; its verdict is final.");
        return "redirect:/admin/polls";
    }

    @PostMapping("/admin/polls/{id}/reopen")
    String reopen(@PathVariable long id, @AuthenticationPrincipal SignedIn signedIn, RedirectAttributes redirect) {
        editorsOnly(signedIn);
        verdicts.reopen(id);
        redirect.addFlashAttribute(
                "notice", "Poll " + id + " is open again for a new round; its earlier verdict stays.");
        return "redirect:/admin/polls";
    }

    @PostMapping("/admin/polls/{id}/results")
    String results(
            @PathVariable long id,
            @RequestParam(name = "shown", required = false) String shown,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        editorsOnly(signedIn);
        ResultsShown mode;
        try {
            mode = ResultsShown.valueOf(String.valueOf(shown));
        } catch (IllegalArgumentException ex) {
            throw new PollProblem(HttpStatus.BAD_REQUEST, "Choose when readers see the standings.");
        }
        desk.showResults(id, mode);
        redirect.addFlashAttribute(
                "notice",
                "Poll " + id + ": standings shown " + mode.label().toLowerCase(java.util.Locale.ENGLISH) + ".");
        return "redirect:/admin/polls";
    }

    @ExceptionHandler(PollProblem.class)
    String refused(PollProblem problem, RedirectAttributes redirect) {
        redirect.addFlashAttribute("problem", problem.getMessage());
        return "redirect:/admin/polls";
    }

    private static void editorsOnly(SignedIn signedIn) {
        if (signedIn == null || !signedIn.isEditor()) {
            throw new AccessDeniedException("Only editors close and reopen polls");
        }
    }
}
