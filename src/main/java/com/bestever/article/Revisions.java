package com.bestever.article;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import com.bestever.system.NotFoundException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every saved text of a review: kept on each save, listed, compared with the current text,
 * and restored (a restore is itself a save, so it becomes the newest revision).
 */
@Service
public class Revisions {

    private final ArticleRevisionRepository revisions;
    private final ArticleRepository articles;
    private final AuditLog audit;

    Revisions(ArticleRevisionRepository revisions, ArticleRepository articles, AuditLog audit) {
        this.revisions = revisions;
        this.articles = articles;
        this.audit = audit;
    }

    /** Keeps the review's text as it is now, as its next revision (by the signed-in account, now). */
    @Transactional
    public ArticleRevision record(Article article) {
        int next = revisions.lastNumber(article.getId()) + 1;
        return revisions.save(new ArticleRevision(article, next));
    }

    @Transactional(readOnly = true)
    public List<ArticleRevision> of(Long articleId) {
        return revisions.findByArticleIdOrderByNumberDesc(articleId);
    }

    @Transactional(readOnly = true)
    public ArticleRevision find(Long articleId, int number) {
        return revisions
                .findByArticleIdAndNumber(articleId, number)
                .orElseThrow(() -> new NotFoundException("revision " + number + " of article " + articleId));
    }

    /**
     * Puts a revision's words back: title, pull quote, body, verdict and recommendations. The
     * slug, status and publish time stay as they are now (moving a public review is a decision
     * of its own, made in the form). Only if the review is still at the version the editor compared
     * against, checked here, in the restoring transaction (and again by the version column when it
     * is written): otherwise ObjectOptimisticLockingFailureException, and nothing changes.
     */
    @Transactional
    public ArticleRevision restore(Article article, int number, long expectedVersion) {
        ArticleRevision revision = find(article.getId(), number);
        Article managed = articles.findById(article.getId()).orElseThrow();
        if (managed.getVersion() != expectedVersion) {
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException(Article.class, article.getId());
        }
        ReviewAudit.Snapshot before = ReviewAudit.Snapshot.of(managed);
        managed.setTitle(revision.getTitle());
        managed.setPullQuote(revision.getPullQuote());
        managed.setBody(revision.getBody());
        managed.setVerdict(revision.getVerdict());
        managed.replaceRecommendations(revision.recommendationLines());
        articles.saveAndFlush(managed);
        ArticleRevision restored = record(managed);
        audit.record(
                AuditKind.REVIEW_RESTORED,
                ReviewAudit.subject(managed),
                "revision " + number + " restored as revision " + restored.getNumber() + "; "
                        + ReviewAudit.textChanges(before, ReviewAudit.Snapshot.of(managed)));
        return restored;
    }
}
