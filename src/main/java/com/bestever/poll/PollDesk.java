package com.bestever.poll;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import com.bestever.film.Film;
import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * The newsroom's side of the poll under a review: the poll's own rules for the review form (its
 * genre, when it opens and closes, that an option readers chose stays, that a poll with votes
 * stays) and the edits to the {@link VoteQuestion} aggregate. The form's fields are named
 * {@code pollGenreId}, {@code pollOpensAt}, {@code pollClosesAt} and {@code pollOptions[i]}: the
 * errors go there.
 */
@Service
@Transactional
public class PollDesk {

    private final VoteQuestionRepository questions;
    private final GenreRepository genres;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    PollDesk(VoteQuestionRepository questions, GenreRepository genres, Clock clock, JdbcClient jdbc, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.questions = questions;
        this.genres = genres;
        this.clock = clock;
    }

    /**
     * The review the poll hangs under, as far as the poll cares.
     *
     * @param articleId null for a review not saved yet (it has no poll yet)
     * @param publishAt when the review goes public (null: no time yet)
     * @param goingPublic whether this save takes the review from a draft (or in review) to
     *     scheduled or published
     */
    public record Review(Long articleId, Instant publishAt, boolean goingPublic) {}

    /** A draft that passed {@link #check}, with the poll it changes: hand it to {@link #save}. */
    public static final class Checked {

        private final VoteQuestion poll;
        private final Genre genre;
        private final PollDraft draft;
        private final Instant opensAt;

        private Checked(VoteQuestion poll, Genre genre, PollDraft draft, Instant opensAt) {
            this.poll = poll;
            this.genre = genre;
            this.draft = draft;
            this.opensAt = opensAt;
        }
    }

    /** The poll under a review, with its genre, film and options: for the edit form and the preview. */
    @Transactional(readOnly = true)
    public Optional<VoteQuestion> pollOf(long articleId) {
        return questions.findByArticleId(articleId);
    }

    /** Checks the poll part of the form against the poll's rules; what fails goes into {@code errors}. */
    public Checked check(PollDraft draft, Review review, Errors errors) {
        VoteQuestion poll = review.articleId() == null
                ? null
                : questions.findByArticleId(review.articleId()).orElse(null);
        // Votes of earlier rounds are kept (their counts start again at zero in a new round).
        Map<Long, Long> cast = poll == null ? Map.of() : votesCast(poll.getId());
        if (!draft.wanted()) {
            long votes = poll == null
                    ? 0
                    : Math.max(
                            poll.totalVotes(),
                            cast.values().stream().mapToLong(Long::longValue).sum());
            if (votes > 0) {
                errors.rejectValue(
                        "pollGenreId", "hasVotes", "This poll has " + votes + " votes, so it stays: choose its genre.");
            } else if (poll != null && hasVerdict(poll.getId())) {
                errors.rejectValue(
                        "pollGenreId", "hasVerdict", "This poll has a final verdict, so it stays: choose its genre.");
            }
            return new Checked(poll, null, draft, null);
        }
        Genre genre = genres.findById(draft.genreId()).orElse(null);
        if (genre == null) {
            errors.rejectValue("pollGenreId", "unknown", "That genre no longer exists.");
        }
        Instant opensAt = draft.opensAt();
        Instant publishAt = review.publishAt();
        if (opensAt == null) {
            opensAt = publishAt != null ? publishAt : clock.instant();
        } else if (poll != null
                && review.goingPublic()
                && publishAt != null
                && opensAt.isBefore(publishAt)
                && opensAt.equals(poll.getOpensAt().truncatedTo(ChronoUnit.MINUTES))) {
            // The opening time the draft's poll was given when it was saved: it opens with the review.
            opensAt = publishAt;
        }
        if (draft.closesAt() != null && !draft.closesAt().isAfter(opensAt)) {
            errors.rejectValue("pollClosesAt", "order", "The poll must close after it opens.");
        }
        checkOptions(draft.options(), errors, poll, cast);
        return new Checked(poll, genre, draft, opensAt);
    }

    /** The votes cast for each option in every round, by option id. */
    private Map<Long, Long> votesCast(long pollId) {
        Map<Long, Long> cast = new HashMap<>();
        jdbc.sql("select option_id, count(*) as votes from vote where question_id = ? group by option_id")
                .param(pollId)
                .query((rs, row) -> cast.put(rs.getLong("option_id"), rs.getLong("votes")))
                .list();
        return cast;
    }

    private boolean hasVerdict(long pollId) {
        return jdbc.sql("select exists (select 1 from poll_verdict where question_id = ?)")
                .param(pollId)
                .query(Boolean.class)
                .single();
    }

    private static void checkOptions(List<String> rows, Errors errors, VoteQuestion poll, Map<Long, Long> cast) {
        List<VoteOption> existing = poll == null ? List.of() : poll.getOptions();
        Set<String> seen = new HashSet<>();
        int labels = 0;
        for (int i = 0; i < Math.max(rows.size(), existing.size()); i++) {
            String label = i < rows.size() && rows.get(i) != null ? rows.get(i).strip() : "";
            if (label.isEmpty()) {
                long chose = i < existing.size()
                        ? Math.max(
                                existing.get(i).getVotes(),
                                cast.getOrDefault(existing.get(i).getId(), 0L))
                        : 0;
                if (chose > 0) {
                    errors.rejectValue(
                            "pollOptions[" + i + "]",
                            "hasVotes",
                            chose + " readers chose this option, so it cannot be removed (you may reword it).");
                    labels++;
                } else if (i == 0 && !existing.isEmpty()) {
                    errors.rejectValue(
                            "pollOptions[0]",
                            "affirmative",
                            "The first option is the “yes” the leaderboard ranks: reword it rather than remove it.");
                }
                continue;
            }
            labels++;
            if (!seen.add(label.toLowerCase())) {
                errors.rejectValue("pollOptions[" + i + "]", "duplicate", "This option is already on the poll.");
            }
        }
        if (labels < 2 && !errors.hasFieldErrors("pollOptions*")) {
            errors.rejectValue("pollOptions", "tooFew", "A poll needs at least two options.");
        }
    }

    /**
     * Writes the checked poll under the saved review about {@code film}: creates it, changes it,
     * or deletes it when the editor no longer wants one (checked: it has no votes).
     *
     * @return what happened to the poll, for the review's audit entry ("poll created"), or null if nothing
     */
    public String save(Checked checked, long articleId, Film film) {
        VoteQuestion poll = checked.poll;
        if (checked.genre == null) {
            if (poll != null) {
                questions.delete(poll);
                return "poll " + poll.getId() + " deleted";
            }
            return null;
        }
        PollDraft draft = checked.draft;
        String question = draft.question() == null || draft.question().isBlank()
                ? VoteQuestion.defaultQuestion(film.getTitle(), checked.genre.getName())
                : draft.question().strip();
        List<String> rows = new ArrayList<>(
                draft.options().stream().map(l -> l == null ? "" : l.strip()).toList());
        if (poll == null) {
            poll = new VoteQuestion(articleId, film, checked.genre, question, checked.opensAt);
            poll.setClosesAt(draft.closesAt());
            for (String label : rows) {
                if (!label.isEmpty()) {
                    poll.addOption(label, poll.getOptions().isEmpty());
                }
            }
            questions.save(poll);
            return "poll created";
        }
        String before = described(poll);
        poll.setFilm(film);
        poll.setGenre(checked.genre);
        poll.setQuestion(question);
        poll.setOpensAt(checked.opensAt);
        poll.setClosesAt(draft.closesAt());
        List<VoteOption> existing = new ArrayList<>(poll.getOptions());
        for (int i = existing.size() - 1; i >= 0; i--) {
            String label = i < rows.size() ? rows.get(i) : "";
            if (label.isEmpty()) {
                poll.removeOption(existing.get(i)); // checked: it has no votes
            } else {
                existing.get(i).setLabel(label);
            }
        }
        for (int i = existing.size(); i < rows.size(); i++) {
            if (!rows.get(i).isEmpty()) {
                poll.addOption(rows.get(i), poll.getOptions().isEmpty());
            }
        }
        questions.save(poll);
        return before.equals(described(poll)) ? null : "poll " + poll.getId() + " changed";
    }

    private static Instant minute(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MINUTES);
    }

    /** What the review form sets of a poll, to tell whether a save changed it. */
    private static String described(VoteQuestion poll) {
        return String.join(
                "|",
                String.valueOf(poll.getFilm().getId()),
                String.valueOf(poll.getGenre().getId()),
                poll.getQuestion(),
                // To the minute, as the form shows them: a save that only rounds them is no change.
                String.valueOf(minute(poll.getOpensAt())),
                String.valueOf(minute(poll.getClosesAt())),
                poll.getOptions().stream().map(VoteOption::getLabel).toList().toString());
    }

    /** When readers see the poll's standings; the change is announced like any edit of the poll. */
    public void showResults(long pollId, ResultsShown shown) {
        VoteQuestion poll = questions
                .findById(pollId)
                .orElseThrow(() -> new PollProblem(HttpStatus.NOT_FOUND, "There is no poll " + pollId + "."));
        ResultsShown was = poll.getResultsShown();
        poll.setResultsShown(shown);
        questions.save(poll);
        audit.record(
                AuditKind.POLL_CHANGED,
                AuditLog.Subject.of("poll", pollId, poll.getQuestion()),
                "standings shown: " + was.label().toLowerCase(java.util.Locale.ENGLISH) + " → "
                        + shown.label().toLowerCase(java.util.Locale.ENGLISH));
    }

    /** The review is deleted: its poll stays, with its votes, but no longer hangs under a review. */
    public void reviewDeleted(long articleId) {
        questions.findByArticleId(articleId).ifPresent(poll -> poll.setArticleId(null));
    }
}
