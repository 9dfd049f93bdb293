package com.bestever.article;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the audit log says of a review's act: the kind (a save that moves the status is that move:
 * submitted, scheduled, published, unpublished) and a short summary, "draft → in review; changed:
 * title, body". One act, one entry: a poll changed with the review is named in the review's entry.
 */
final class ReviewAudit {

    private ReviewAudit() {}

    /**
     * A review as an editor changes it, at one moment: its status, and its parts by the names the
     * audit entry gives them, in the form's order (compared with {@link AuditLog#changedNames}).
     */
    record Snapshot(ArticleStatus status, Map<String, Object> parts) {

        static Snapshot of(Article article) {
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("title", article.getTitle());
            parts.put("slug", article.getSlug());
            parts.put("genre", article.getGenre().getId());
            parts.put("film", article.getFilm().getId());
            parts.put("critic", article.getAuthor().getId());
            parts.put("pull quote", article.getPullQuote());
            parts.put("body", article.getBody());
            parts.put("verdict", article.getVerdict());
            parts.put("publish time", article.getPublishAt());
            parts.put(
                    "Decide for Yourself",
                    article.getRecommendations().stream()
                            .map(r -> r.getText() + " " + r.getUrl())
                            .toList());
            parts.put(
                    "still",
                    article.getStill() == null
                            ? null
                            : article.getStill().getKey() + " "
                                    + article.getStill().getAlt());
            parts.put(
                    "search appearance",
                    article.getSeoTitle() + "|" + article.getSeoDescription() + "|" + article.isNoindex());
            return new Snapshot(article.getStatus(), parts);
        }
    }

    /** "changed: title, body", or "no text changed". */
    static String textChanges(Snapshot before, Snapshot after) {
        List<String> changed = AuditLog.changedNames(before.parts(), after.parts());
        return changed.isEmpty() ? "no text changed" : "changed: " + String.join(", ", changed);
    }

    static AuditLog.Subject subject(Article article) {
        return AuditLog.Subject.of("review", article.getId(), article.getTitle());
    }

    /** The kind of a save that took the review from {@code before} to {@code after}. */
    static AuditKind kindOfSave(ArticleStatus before, ArticleStatus after) {
        if (before == after) {
            return AuditKind.REVIEW_SAVED;
        }
        return switch (after) {
            case IN_REVIEW -> AuditKind.REVIEW_SUBMITTED;
            case SCHEDULED -> AuditKind.REVIEW_SCHEDULED;
            case PUBLISHED -> AuditKind.REVIEW_PUBLISHED;
            case DRAFT -> before.goesPublic() ? AuditKind.REVIEW_UNPUBLISHED : AuditKind.REVIEW_SAVED;
        };
    }

    /** "draft → in review; changed: title, body; poll 12 changed". */
    static String summary(Snapshot before, Snapshot after, String poll) {
        List<String> parts = new ArrayList<>();
        if (before.status() != after.status()) {
            parts.add(status(before.status()) + " → " + status(after.status()));
        }
        parts.add(textChanges(before, after));
        if (poll != null) {
            parts.add(poll);
        }
        return String.join("; ", parts);
    }

    /** "created as draft; poll created". */
    static String created(Article article, String poll) {
        String summary = "created as " + status(article.getStatus())
                + (article.getPublishAt() == null || !article.getStatus().goesPublic()
                        ? ""
                        : ", public from " + article.getPublishAt());
        return poll == null ? summary : summary + "; " + poll;
    }

    static String status(ArticleStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
