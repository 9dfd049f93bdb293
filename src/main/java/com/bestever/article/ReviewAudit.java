package com.bestever.article;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the audit log says of a review's act: the kind (a save that moves the status is that move:
 * submitted, scheduled, published, unpublished) and a short summary, "draft → in review; changed:
 * title, body". One act, one entry: a poll changed with the review is named in the review's entry.
 */
final class ReviewAudit {

    private ReviewAudit() {}

    /** The parts of a review an editor changes, as they are at one moment. */
    record Snapshot(
            String title,
            String slug,
            Long genre,
            Long film,
            Long author,
            String pullQuote,
            String body,
            String verdict,
            ArticleStatus status,
            Instant publishAt,
            List<String> recommendations,
            String still,
            String searchAppearance) {

        static Snapshot of(Article article) {
            return new Snapshot(
                    article.getTitle(),
                    article.getSlug(),
                    article.getGenre().getId(),
                    article.getFilm().getId(),
                    article.getAuthor().getId(),
                    article.getPullQuote(),
                    article.getBody(),
                    article.getVerdict(),
                    article.getStatus(),
                    article.getPublishAt(),
                    article.getRecommendations().stream()
                            .map(r -> r.getText() + " " + r.getUrl())
                            .toList(),
                    article.getStill() == null
                            ? null
                            : article.getStill().getKey() + " "
                                    + article.getStill().getAlt(),
                    article.getSeoTitle() + "|" + article.getSeoDescription() + "|" + article.isNoindex());
        }

        /** The names of the parts that differ from {@code before}, in the form's order. */
        List<String> changedSince(Snapshot before) {
            List<String> changed = new ArrayList<>();
            add(changed, "title", before.title, title);
            add(changed, "slug", before.slug, slug);
            add(changed, "genre", before.genre, genre);
            add(changed, "film", before.film, film);
            add(changed, "critic", before.author, author);
            add(changed, "pull quote", before.pullQuote, pullQuote);
            add(changed, "body", before.body, body);
            add(changed, "verdict", before.verdict, verdict);
            add(changed, "publish time", before.publishAt, publishAt);
            add(changed, "Decide for Yourself", before.recommendations, recommendations);
            add(changed, "still", before.still, still);
            add(changed, "search appearance", before.searchAppearance, searchAppearance);
            return changed;
        }

        private static void add(List<String> changed, String name, Object before, Object after) {
            if (!Objects.equals(before, after)) {
                changed.add(name);
            }
        }
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
        List<String> changed = after.changedSince(before);
        parts.add(changed.isEmpty() ? "no text changed" : "changed: " + String.join(", ", changed));
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
