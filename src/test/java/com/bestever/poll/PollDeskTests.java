package com.bestever.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.article.Article;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.Errors;
import org.springframework.validation.MapBindingResult;

/** The poll's rules for the poll under a review, as the newsroom's form meets them (PollDesk). */
@SiteTest
class PollDeskTests {

    @Autowired
    PollDesk desk;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    VoteQuestionRepository questions;

    @Autowired
    TransactionTemplate transaction;

    static Errors errors() {
        return new MapBindingResult(new HashMap<>(), "articleForm");
    }

    static PollDraft draft(Long genreId, String... options) {
        return new PollDraft(genreId, "", List.of(options), null, null);
    }

    PollDesk.Review under(Article review) {
        return new PollDesk.Review(review.getId(), review.getPublishAt(), false);
    }

    /** Checks and, when nothing is wrong, saves: as the newsroom's form does. */
    Errors checkAndSave(Article review, PollDraft draft) {
        Errors errors = errors();
        transaction.executeWithoutResult(status -> {
            PollDesk.Checked checked = desk.check(draft, under(review), errors);
            if (!errors.hasErrors()) {
                desk.save(checked, review.getId(), review.getFilm());
            }
        });
        return errors;
    }

    @Test
    void aPollWithVotesStaysWhenTheEditorAsksForNone() {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        polls.setVotes(PollTesting.yes(poll), 5);

        Errors errors = checkAndSave(review, draft(null));

        assertThat(errors.getFieldError("pollGenreId").getDefaultMessage())
                .isEqualTo("This poll has 5 votes, so it stays: choose its genre.");
        assertThat(questions.findByArticleId(review.getId())).isPresent();
    }

    @Test
    void aPollWithoutVotesGoesWhenTheEditorAsksForNone() {
        Article review = data.publishedReview();
        polls.pollUnder(review, question -> {});

        Errors errors = checkAndSave(review, draft(null));

        assertThat(errors.hasErrors()).isFalse();
        assertThat(questions.findByArticleId(review.getId())).isEmpty();
    }

    @Test
    void theFirstOptionIsRewordedNotRemoved() {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});

        Errors errors = checkAndSave(review, draft(poll.getGenre().getId(), "", VoteQuestion.NO, "Maybe"));

        assertThat(errors.getFieldError("pollOptions[0]").getDefaultMessage())
                .isEqualTo("The first option is the “yes” the leaderboard ranks: reword it rather than remove it.");
    }

    @Test
    void aPollNeedsTwoDifferentOptions() {
        Article review = data.publishedReview();
        Long genre = review.getGenre().getId();

        Errors same = errors();
        Errors one = errors();
        transaction.executeWithoutResult(status -> {
            desk.check(draft(genre, "Yes", " yes "), new PollDesk.Review(null, null, false), same);
            desk.check(draft(genre, "Yes", ""), new PollDesk.Review(null, null, false), one);
        });

        assertThat(same.getFieldError("pollOptions[1]").getDefaultMessage())
                .isEqualTo("This option is already on the poll.");
        assertThat(one.getFieldError("pollOptions").getDefaultMessage())
                .isEqualTo("A poll needs at least two options.");
    }

    @Test
    void aNewPollLeftWithoutAnOpeningTimeOpensWithItsReview() {
        Article review = data.draft();
        Instant publishAt = Instant.parse("2041-03-01T08:00:00Z");
        Errors errors = errors();
        transaction.executeWithoutResult(status -> {
            PollDesk.Checked checked = desk.check(
                    draft(review.getGenre().getId(), "Yes", "No"), new PollDesk.Review(null, publishAt, true), errors);
            desk.save(checked, review.getId(), review.getFilm());
        });

        VoteQuestion poll = questions.findByArticleId(review.getId()).orElseThrow();
        assertThat(poll.getOpensAt()).isEqualTo(publishAt);
        assertThat(poll.getQuestion())
                .isEqualTo(VoteQuestion.defaultQuestion(
                        review.getFilm().getTitle(), review.getGenre().getName()));
    }

    @Test
    void theDeletedReviewsPollStaysWithItsVotes() {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        polls.setVotes(PollTesting.yes(poll), 7);

        transaction.executeWithoutResult(status -> desk.reviewDeleted(review.getId()));

        VoteQuestion after = polls.reload(poll);
        assertThat(after.getArticleId()).isNull();
        assertThat(after.totalVotes()).isEqualTo(7);
    }

    @Autowired
    PollVerdicts verdicts;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aPollWithAFinalVerdictStaysEvenWithoutVotes() {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        verdicts.closeNow(poll.getId());

        Errors errors = checkAndSave(review, draft(null));

        assertThat(errors.getFieldError("pollGenreId").getDefaultMessage())
                .isEqualTo("This poll has a final verdict, so it stays: choose its genre.");
        assertThat(questions.findByArticleId(review.getId())).isPresent();
    }

    @Test
    void anOptionChosenInAnEarlierRoundCannotBeRemovedThoughItsCountStartedAgain() {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> question.addOption("Maybe", false));
        long maybe = polls.reload(poll).getOptions().get(2).getId();
        jdbc.sql("insert into vote (question_id, round, option_id, voter_id) values (?, 1, ?, 'an-earlier-reader')")
                .params(poll.getId(), maybe)
                .update();
        verdicts.closeNow(poll.getId());
        verdicts.reopen(poll.getId());

        Errors errors = checkAndSave(review, draft(review.getGenre().getId(), "Yes", "No", ""));

        assertThat(errors.getFieldError("pollOptions[2]").getDefaultMessage())
                .isEqualTo("1 readers chose this option, so it cannot be removed (you may reword it).");
    }
}
