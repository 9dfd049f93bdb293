package com.bestever.article;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

import com.bestever.admin.SignedIn;
import com.bestever.author.Author;
import com.bestever.author.AuthorRepository;
import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.poll.VoteOption;
import com.bestever.poll.VoteQuestion;
import com.bestever.poll.VoteQuestionRepository;
import com.bestever.system.BestEverProperties;
import com.bestever.system.ContentChanged;
import com.bestever.system.Dates;
import com.bestever.system.NotFoundException;
import com.bestever.system.Slugs;

/**
 * The newsroom's write side: saving a review from the article form (with its poll and its
 * "Decide for Yourself"), the workflow from draft to published, and the job that settles
 * scheduled reviews once their time has come. Every save keeps a revision and tells the
 * page caches with {@link ContentChanged}.
 */
@Service
public class Publishing {

    private final ArticleRepository articles;
    private final GenreRepository genres;
    private final FilmRepository films;
    private final AuthorRepository authors;
    private final VoteQuestionRepository polls;
    private final Revisions revisions;
    private final ApplicationEventPublisher events;
    private final Markdown markdown;
    private final Clock clock;
    private final ZoneId zone;

    Publishing(ArticleRepository articles, GenreRepository genres, FilmRepository films, AuthorRepository authors,
            VoteQuestionRepository polls, Revisions revisions, ApplicationEventPublisher events, Markdown markdown,
            Clock clock, BestEverProperties properties) {
        this.markdown = markdown;
        this.articles = articles;
        this.genres = genres;
        this.films = films;
        this.authors = authors;
        this.polls = polls;
        this.revisions = revisions;
        this.events = events;
        this.clock = clock;
        this.zone = properties.timeZone();
    }

    /** How a save ended: saved, sent back with field errors, or refused because someone else saved first. */
    enum Outcome { SAVED, INVALID, CONFLICT }

    /** What a save answers: how it ended, and the review's id when it was saved. */
    record Saved(Outcome outcome, Long articleId) {
    }

    ZoneId zone() {
        return zone;
    }

    /** The review for the edit form or the preview; 404 if there is none, 403 if the signed-in person may not touch it. */
    @Transactional(readOnly = true)
    public Article editable(Long id, SignedIn signedIn) {
        Article article = articles.findForEditing(id).orElseThrow(() -> new NotFoundException("article " + id));
        if (!mayEdit(signedIn, article)) {
            throw new AccessDeniedException(signedIn.getUsername() + " may not change article " + id);
        }
        return article;
    }

    /** Editors change any review; a writer only their own, until it goes public. */
    private static boolean mayEdit(SignedIn signedIn, Article article) {
        return signedIn.isEditor()
                || (Objects.equals(article.getCreatedBy(), signedIn.accountId()) && !article.getStatus().goesPublic());
    }

    /** The review as readers will see it, whatever its status: for the preview. */
    @Transactional(readOnly = true)
    public ReviewPage preview(Long id, SignedIn signedIn) {
        Article article = editable(id, signedIn);
        org.hibernate.Hibernate.initialize(article.getFilm().getDirectors());
        return new ReviewPage(article, markdown.toSafeHtml(article.getBody()), polls.findByArticleId(id).orElse(null));
    }

    @Transactional(readOnly = true)
    public Optional<VoteQuestion> pollOf(Long articleId) {
        return polls.findByArticleId(articleId);
    }

    /** Writes a new review from the form; field errors go into {@code errors} and nothing is saved. */
    @Transactional
    public Saved create(ArticleForm form, Errors errors, SignedIn signedIn) {
        Checked checked = check(form, errors, null, null, signedIn);
        if (checked == null) {
            return new Saved(Outcome.INVALID, null);
        }
        Article article = new Article(form.getTitle().strip(), checked.slug(), checked.genre(), checked.film(),
                checked.author(), form.getPullQuote().strip(), form.getBody(), form.getVerdict().strip());
        setStatus(article, checked);
        article.replaceRecommendations(form.recommendationLines());
        articles.saveAndFlush(article);
        savePoll(article, null, form, checked);
        revisions.record(article);
        changed(article);
        return new Saved(Outcome.SAVED, article.getId());
    }

    /**
     * Saves the form over the review, unless someone saved it since the editor opened the form
     * (then nothing is written, and the editor keeps their text).
     */
    @Transactional
    public Saved update(Long id, ArticleForm form, Errors errors, SignedIn signedIn) {
        Article article = editable(id, signedIn);
        if (form.getVersion() == null || form.getVersion() != article.getVersion()) {
            return new Saved(Outcome.CONFLICT, id);
        }
        VoteQuestion poll = polls.findByArticleId(id).orElse(null);
        Checked checked = check(form, errors, article, poll, signedIn);
        if (checked == null) {
            return new Saved(Outcome.INVALID, id);
        }
        String oldSlug = article.getSlug();
        article.setTitle(form.getTitle().strip());
        article.changeSlug(checked.slug());
        article.setGenre(checked.genre());
        article.setFilm(checked.film());
        article.setAuthor(checked.author());
        article.setPullQuote(form.getPullQuote().strip());
        article.setBody(form.getBody());
        article.setVerdict(form.getVerdict().strip());
        setStatus(article, checked);
        article.replaceRecommendations(form.recommendationLines());
        articles.saveAndFlush(article);
        savePoll(article, poll, form, checked);
        revisions.record(article);
        changed(article);
        if (!oldSlug.equals(article.getSlug())) {
            events.publishEvent(new ContentChanged("review " + oldSlug));
        }
        return new Saved(Outcome.SAVED, id);
    }

    /** Takes a review off the public site: back to draft (its old publish time is kept for the form). */
    @Transactional
    public void unpublish(Long id, long version, SignedIn signedIn) {
        Article article = editableAt(id, version, signedIn);
        article.setStatus(ArticleStatus.DRAFT);
        articles.saveAndFlush(article);
        revisions.record(article);
        changed(article);
    }

    /** Puts a review on the public site now. */
    @Transactional
    public void publishNow(Long id, long version, SignedIn signedIn) {
        Article article = editableAt(id, version, signedIn);
        article.publish(clock.instant());
        articles.saveAndFlush(article);
        revisions.record(article);
        changed(article);
    }

    /** Deletes a review for good; its poll stays (with its votes) but no longer hangs under a review. */
    @Transactional
    public String delete(Long id, SignedIn signedIn) {
        if (!signedIn.isEditor()) {
            throw new AccessDeniedException(signedIn.getUsername() + " may not delete reviews");
        }
        Article article = articles.findById(id).orElseThrow(() -> new NotFoundException("article " + id));
        String title = article.getTitle();
        polls.findByArticleId(id).ifPresent(poll -> poll.setArticleId(null));
        articles.delete(article);
        changed(article);
        return title;
    }

    /**
     * Settles scheduled reviews whose time has come as published. Readers already see them
     * (the public queries treat a due SCHEDULED review as public); this keeps the status honest
     * and tells the page caches that the home, genre and author pages changed.
     */
    @Transactional
    public int publishDue() {
        Instant now = clock.instant();
        List<String> due = articles.findSlugsDueAt(now);
        if (due.isEmpty()) {
            return 0;
        }
        int count = articles.publishDueAt(now);
        due.forEach(slug -> events.publishEvent(new ContentChanged("review " + slug)));
        return count;
    }

    private Article editableAt(Long id, long version, SignedIn signedIn) {
        if (!signedIn.isEditor()) {
            throw new AccessDeniedException(signedIn.getUsername() + " may not publish");
        }
        Article article = editable(id, signedIn);
        if (article.getVersion() != version) {
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException(Article.class, id);
        }
        return article;
    }

    private void changed(Article article) {
        events.publishEvent(new ContentChanged("review " + article.getSlug()));
    }

    private void setStatus(Article article, Checked checked) {
        switch (checked.status()) {
            case PUBLISHED -> article.publish(checked.publishAt());
            case SCHEDULED -> article.schedule(checked.publishAt());
            default -> {
                article.setStatus(checked.status());
                article.setPublishAt(checked.publishAt());
            }
        }
    }

    // --- Checking the form -------------------------------------------------------------------

    /** The form's choices, checked and looked up. */
    private record Checked(String slug, Genre genre, Film film, Author author, ArticleStatus status,
            Instant publishAt, Genre pollGenre, Instant pollOpensAt, Instant pollClosesAt) {
    }

    private Checked check(ArticleForm form, Errors errors, Article article, VoteQuestion poll, SignedIn signedIn) {
        Genre genre = form.getGenreId() == null ? null : genres.findById(form.getGenreId()).orElse(null);
        if (form.getGenreId() != null && genre == null) {
            errors.rejectValue("genreId", "unknown", "That genre no longer exists.");
        }
        Film film = form.getFilmId() == null ? null : films.findById(form.getFilmId()).orElse(null);
        if (form.getFilmId() != null && film == null) {
            errors.rejectValue("filmId", "unknown", "That film no longer exists.");
        }
        Author author = form.getAuthorId() == null ? null : authors.findById(form.getAuthorId()).orElse(null);
        if (form.getAuthorId() != null && author == null) {
            errors.rejectValue("authorId", "unknown", "That author no longer exists.");
        }
        String slug = checkSlug(form, errors, article);
        Instant now = clock.instant();
        Instant publishAt = parse(form.getPublishAt(), "publishAt", errors);
        ArticleStatus status = form.getStatus();
        if (status != null && status.goesPublic() && !signedIn.isEditor()) {
            errors.rejectValue("status", "forbidden",
                    "Only an editor can publish or schedule. Save it as a draft or submit it for review.");
        }
        else if (status == ArticleStatus.PUBLISHED && !errors.hasFieldErrors("publishAt")) {
            if (publishAt == null) {
                publishAt = now;
            }
            else if (publishAt.isAfter(now)) {
                errors.rejectValue("publishAt", "future",
                        "That time is still to come: choose Scheduled, or clear the time to publish now.");
            }
        }
        else if (status == ArticleStatus.SCHEDULED && !errors.hasFieldErrors("publishAt")) {
            if (publishAt == null) {
                errors.rejectValue("publishAt", "required", "Choose when the review goes public.");
            }
            else if (!publishAt.isAfter(now)) {
                status = ArticleStatus.PUBLISHED; // its time has come already: public at once
            }
        }
        checkRecommendations(form, errors);

        Genre pollGenre = null;
        Instant opensAt = null;
        Instant closesAt = null;
        if (form.wantsPoll()) {
            pollGenre = genres.findById(form.getPollGenreId()).orElse(null);
            if (pollGenre == null) {
                errors.rejectValue("pollGenreId", "unknown", "That genre no longer exists.");
            }
            opensAt = parse(form.getPollOpensAt(), "pollOpensAt", errors);
            closesAt = parse(form.getPollClosesAt(), "pollClosesAt", errors);
            if (opensAt == null) {
                opensAt = publishAt != null ? publishAt : now;
            }
            else if (poll != null && article != null && !article.getStatus().goesPublic() && status != null
                    && status.goesPublic() && publishAt != null && opensAt.isBefore(publishAt)
                    && opensAt.equals(poll.getOpensAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))) {
                // The opening time the draft's poll was given when it was saved: it opens with the review.
                opensAt = publishAt;
            }
            if (closesAt != null && !closesAt.isAfter(opensAt)) {
                errors.rejectValue("pollClosesAt", "order", "The poll must close after it opens.");
            }
            checkPollOptions(form, errors, poll);
        }
        else if (poll != null && poll.totalVotes() > 0) {
            errors.rejectValue("pollGenreId", "hasVotes",
                    "This poll has " + poll.totalVotes() + " votes, so it stays: choose its genre.");
        }
        if (errors.hasErrors()) {
            return null;
        }
        return new Checked(slug, genre, film, author, status, publishAt, pollGenre, opensAt, closesAt);
    }

    private String checkSlug(ArticleForm form, Errors errors, Article article) {
        if (errors.hasFieldErrors("slug")) {
            return null;
        }
        String slug = Slugs.typedOrMadeFrom(form.getSlug(), form.getTitle());
        if (!Slugs.isValid(slug)) {
            if (!errors.hasFieldErrors("title")) {
                errors.rejectValue("slug", "invalid", "No slug can be made from this title: type one.");
            }
            return null;
        }
        Long id = article == null ? -1L : article.getId();
        if (articles.existsBySlugAndIdNot(slug, id)) {
            errors.rejectValue("slug", "taken", "Another review already lives at /reviews/" + slug + ": choose another slug.");
        }
        else if (articles.isEarlierSlugOfAnother(slug, id)) {
            errors.rejectValue("slug", "taken",
                    "/reviews/" + slug + " is an old address of another review and still leads there: choose another slug.");
        }
        return slug;
    }

    private void checkRecommendations(ArticleForm form, Errors errors) {
        List<ArticleForm.RecommendationForm> rows = form.getRecommendations();
        for (int i = 0; i < rows.size(); i++) {
            ArticleForm.RecommendationForm row = rows.get(i);
            if (row != null && !row.isBlank() && (row.getText() == null || row.getText().isBlank())) {
                errors.rejectValue("recommendations[" + i + "].text", "required", "Say what the link is.");
            }
        }
    }

    private void checkPollOptions(ArticleForm form, Errors errors, VoteQuestion poll) {
        List<String> rows = form.getPollOptions();
        List<VoteOption> existing = poll == null ? List.of() : poll.getOptions();
        Set<String> seen = new HashSet<>();
        int labels = 0;
        for (int i = 0; i < Math.max(rows.size(), existing.size()); i++) {
            String label = i < rows.size() && rows.get(i) != null ? rows.get(i).strip() : "";
            if (label.isEmpty()) {
                if (i < existing.size() && existing.get(i).getVotes() > 0) {
                    errors.rejectValue("pollOptions[" + i + "]", "hasVotes", existing.get(i).getVotes()
                            + " readers chose this option, so it cannot be removed (you may reword it).");
                    labels++;
                }
                else if (i == 0 && !existing.isEmpty()) {
                    errors.rejectValue("pollOptions[0]", "affirmative",
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

    private Instant parse(String text, String field, Errors errors) {
        try {
            return Dates.parseInput(text, zone).orElse(null);
        }
        catch (DateTimeParseException ex) {
            errors.rejectValue(field, "format", "Use a date and time like 2026-01-31T09:00.");
            return null;
        }
    }

    // --- The poll --------------------------------------------------------------------------

    private void savePoll(Article article, VoteQuestion poll, ArticleForm form, Checked checked) {
        if (checked.pollGenre() == null) {
            if (poll != null) {
                polls.delete(poll);
            }
            return;
        }
        String question = form.getPollQuestion() == null || form.getPollQuestion().isBlank()
                ? VoteQuestion.defaultQuestion(article.getFilm().getTitle(), checked.pollGenre().getName())
                : form.getPollQuestion().strip();
        List<String> rows = new ArrayList<>(form.getPollOptions().stream().map(l -> l == null ? "" : l.strip()).toList());
        if (poll == null) {
            poll = new VoteQuestion(article.getId(), article.getFilm(), checked.pollGenre(), question, checked.pollOpensAt());
            poll.setClosesAt(checked.pollClosesAt());
            for (String label : rows) {
                if (!label.isEmpty()) {
                    poll.addOption(label, poll.getOptions().isEmpty());
                }
            }
            polls.save(poll);
            return;
        }
        poll.setFilm(article.getFilm());
        poll.setGenre(checked.pollGenre());
        poll.setQuestion(question);
        poll.setOpensAt(checked.pollOpensAt());
        poll.setClosesAt(checked.pollClosesAt());
        List<VoteOption> existing = new ArrayList<>(poll.getOptions());
        for (int i = existing.size() - 1; i >= 0; i--) {
            String label = i < rows.size() ? rows.get(i) : "";
            if (label.isEmpty()) {
                poll.removeOption(existing.get(i)); // checked above: it has no votes
            }
            else {
                existing.get(i).setLabel(label);
            }
        }
        for (int i = existing.size(); i < rows.size(); i++) {
            if (!rows.get(i).isEmpty()) {
                poll.addOption(rows.get(i), poll.getOptions().isEmpty());
            }
        }
        polls.save(poll);
    }
}
