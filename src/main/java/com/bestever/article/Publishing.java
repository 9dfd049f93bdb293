package com.bestever.article;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import com.bestever.admin.SignedIn;
import com.bestever.poll.PollDesk;
import com.bestever.poll.VoteQuestion;
import com.bestever.system.BestEverProperties;
import com.bestever.system.ContentChanged;
import com.bestever.system.Images;
import com.bestever.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * The newsroom's write side: who may touch a review, saving it from the checked article form
 * (with its poll and its "Decide for Yourself"), the workflow from draft to published, and the
 * job that settles scheduled reviews once their time has come. Every save keeps a revision; the
 * entities announce their own changes ({@link ContentChanged}).
 */
@Service
public class Publishing {

    private final ArticleRepository articles;
    private final ReviewFormCheck formCheck;
    private final PollDesk polls;
    private final Revisions revisions;
    private final ApplicationEventPublisher events;
    private final Markdown markdown;
    private final Reviews reviews;
    private final Images images;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;

    Publishing(
            ArticleRepository articles,
            ReviewFormCheck formCheck,
            PollDesk polls,
            Revisions revisions,
            ApplicationEventPublisher events,
            Markdown markdown,
            Reviews reviews,
            Images images,
            Clock clock,
            BestEverProperties properties,
            AuditLog audit) {
        this.audit = audit;
        this.images = images;
        this.markdown = markdown;
        this.reviews = reviews;
        this.articles = articles;
        this.formCheck = formCheck;
        this.polls = polls;
        this.revisions = revisions;
        this.events = events;
        this.clock = clock;
        this.zone = properties.timeZone();
    }

    /** How a save ended: saved, sent back with field errors, or refused because someone else saved first. */
    enum Outcome {
        SAVED,
        INVALID,
        CONFLICT
    }

    /** What a save answers: how it ended, and the review's id when it was saved. */
    record Saved(Outcome outcome, Long articleId) {}

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
                || (Objects.equals(article.getCreatedBy(), signedIn.accountId())
                        && !article.getStatus().goesPublic());
    }

    /** The review as readers will see it, whatever its status: for the preview. */
    @Transactional(readOnly = true)
    public ReviewPage preview(Long id, SignedIn signedIn) {
        Article article = editable(id, signedIn);
        org.hibernate.Hibernate.initialize(article.getFilm().getDirectors());
        return ReviewPage.of(
                article,
                markdown.toSafeHtml(article.getBody()),
                polls.pollOf(id).orElse(null),
                reviews.neighbours(article));
    }

    @Transactional(readOnly = true)
    public Optional<VoteQuestion> pollOf(Long articleId) {
        return polls.pollOf(articleId);
    }

    /** Writes a new review from the form; field errors go into {@code errors} and nothing is saved. */
    @Transactional
    public Saved create(ArticleForm form, Errors errors, SignedIn signedIn) {
        ReviewFormCheck.Checked checked = formCheck.check(form, errors, null, signedIn);
        if (checked == null) {
            return new Saved(Outcome.INVALID, null);
        }
        Article article = new Article(
                form.getTitle().strip(),
                checked.slug(),
                checked.genre(),
                checked.film(),
                checked.author(),
                form.getPullQuote().strip(),
                form.getBody(),
                form.getVerdict().strip());
        setStatus(article, checked);
        article.replaceRecommendations(form.recommendationLines());
        applyAppearance(article, form, checked);
        articles.saveAndFlush(article);
        String poll = polls.save(checked.poll(), article.getId(), article.getFilm());
        revisions.record(article);
        audit.record(AuditKind.REVIEW_CREATED, ReviewAudit.subject(article), ReviewAudit.created(article, poll));
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
        ReviewFormCheck.Checked checked = formCheck.check(form, errors, article, signedIn);
        if (checked == null) {
            return new Saved(Outcome.INVALID, id);
        }
        ReviewAudit.Snapshot before = ReviewAudit.Snapshot.of(article);
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
        applyAppearance(article, form, checked);
        articles.saveAndFlush(article);
        String poll = polls.save(checked.poll(), article.getId(), article.getFilm());
        revisions.record(article);
        ReviewAudit.Snapshot after = ReviewAudit.Snapshot.of(article);
        audit.record(
                ReviewAudit.kindOfSave(before.status(), after.status()),
                ReviewAudit.subject(article),
                ReviewAudit.summary(before, after, poll));
        return new Saved(Outcome.SAVED, id);
    }

    /** The still (stored now, so a refused save keeps none) and the search appearance. */
    private void applyAppearance(Article article, ArticleForm form, ReviewFormCheck.Checked checked) {
        String alt = form.getStillAlt() == null ? "" : form.getStillAlt().strip();
        if (checked.still() != null) {
            article.setStill(images.store(checked.still(), alt));
        } else if (form.isRemoveStill()) {
            article.setStill(null);
        } else if (article.getStill() != null) {
            article.setStill(article.getStill().describedAs(alt));
        }
        article.setSearchAppearance(
                blankToNull(form.getSeoTitle()), blankToNull(form.getSeoDescription()), form.isNoindex());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Takes a review off the public site: back to draft (its old publish time is kept for the form). */
    @Transactional
    public void unpublish(Long id, long version, SignedIn signedIn) {
        Article article = editableAt(id, version, signedIn);
        ArticleStatus was = article.getStatus();
        article.setStatus(ArticleStatus.DRAFT);
        articles.saveAndFlush(article);
        revisions.record(article);
        audit.record(
                AuditKind.REVIEW_UNPUBLISHED,
                ReviewAudit.subject(article),
                ReviewAudit.status(was) + " → " + ReviewAudit.status(ArticleStatus.DRAFT));
    }

    /** Puts a review on the public site now. */
    @Transactional
    public void publishNow(Long id, long version, SignedIn signedIn) {
        Article article = editableAt(id, version, signedIn);
        ArticleStatus was = article.getStatus();
        article.publish(clock.instant());
        articles.saveAndFlush(article);
        revisions.record(article);
        audit.record(
                AuditKind.REVIEW_PUBLISHED,
                ReviewAudit.subject(article),
                ReviewAudit.status(was) + " → " + ReviewAudit.status(ArticleStatus.PUBLISHED) + ", now");
    }

    /** Deletes a review for good; its poll stays (with its votes) but no longer hangs under a review. */
    @Transactional
    public String delete(Long id, SignedIn signedIn) {
        if (!signedIn.isEditor()) {
            throw new AccessDeniedException(signedIn.getUsername() + " may not delete reviews");
        }
        Article article = articles.findById(id).orElseThrow(() -> new NotFoundException("article " + id));
        String title = article.getTitle();
        AuditLog.Subject subject = ReviewAudit.subject(article);
        String status = ReviewAudit.status(article.getStatus());
        polls.reviewDeleted(id);
        articles.bury(id);
        articles.delete(article);
        audit.record(
                AuditKind.REVIEW_DELETED, subject, "deleted while " + status + "; its address now answers 410 Gone");
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
        List<Long> due = articles.findIdsDueAt(now);
        if (due.isEmpty()) {
            return 0;
        }
        // A bulk update passes no entity listener: this is the one write that announces by hand,
        // with the listings each review now appears in (read before the update).
        List<Article> settled = articles.findAllById(due);
        List<ContentChanged> changes = settled.stream().map(Article::changed).toList();
        int count = articles.publishDue(due);
        // The job's act: each review it settles is one entry by "(system)" (no one is signed in here).
        settled.forEach(article -> audit.record(
                AuditKind.REVIEW_PUBLISHED,
                ReviewAudit.subject(article),
                "scheduled → published by the scheduled job, due at " + article.getPublishAt()));
        changes.forEach(events::publishEvent);
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

    private void setStatus(Article article, ReviewFormCheck.Checked checked) {
        switch (checked.status()) {
            case PUBLISHED -> article.publish(checked.publishAt());
            case SCHEDULED -> article.schedule(checked.publishAt());
            default -> {
                article.setStatus(checked.status());
                article.setPublishAt(checked.publishAt());
            }
        }
    }
}
