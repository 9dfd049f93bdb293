package com.bestever.article;

import com.bestever.admin.SignedIn;
import com.bestever.author.Author;
import com.bestever.author.AuthorRepository;
import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.poll.PollDesk;
import com.bestever.poll.PollDraft;
import com.bestever.system.BestEverProperties;
import com.bestever.system.Dates;
import com.bestever.system.ImageRejected;
import com.bestever.system.Images;
import com.bestever.system.Slugs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/** The article form, checked: what Publishing saves once every field holds. */
@Component
class ReviewFormCheck {

    private final ArticleRepository articles;
    private final GenreRepository genres;
    private final FilmRepository films;
    private final AuthorRepository authors;
    private final PollDesk polls;
    private final Images images;
    private final Clock clock;
    private final ZoneId zone;

    ReviewFormCheck(
            ArticleRepository articles,
            GenreRepository genres,
            FilmRepository films,
            AuthorRepository authors,
            PollDesk polls,
            Images images,
            Clock clock,
            BestEverProperties properties) {
        this.images = images;
        this.articles = articles;
        this.genres = genres;
        this.films = films;
        this.authors = authors;
        this.polls = polls;
        this.clock = clock;
        this.zone = properties.timeZone();
    }

    /** The form's choices, checked and looked up. */
    record Checked(
            String slug,
            Genre genre,
            Film film,
            Author author,
            ArticleStatus status,
            Instant publishAt,
            PollDesk.Checked poll,
            Images.Upload still) {}

    /**
     * Checks the article form against the rules a form alone can't know (the chosen genre, film
     * and author still exist, the slug is free, who may publish, the times, the poll's own rules)
     * and looks up its choices; field errors go into {@code errors}, and then it answers null.
     */
    Checked check(ArticleForm form, Errors errors, Article article, SignedIn signedIn) {
        Genre genre = form.getGenreId() == null
                ? null
                : genres.findById(form.getGenreId()).orElse(null);
        if (form.getGenreId() != null && genre == null) {
            errors.rejectValue("genreId", "unknown", "That genre no longer exists.");
        }
        Film film = form.getFilmId() == null
                ? null
                : films.findById(form.getFilmId()).orElse(null);
        if (form.getFilmId() != null && film == null) {
            errors.rejectValue("filmId", "unknown", "That film no longer exists.");
        }
        Author author = form.getAuthorId() == null
                ? null
                : authors.findById(form.getAuthorId()).orElse(null);
        if (form.getAuthorId() != null && author == null) {
            errors.rejectValue("authorId", "unknown", "That author no longer exists.");
        }
        String slug = checkSlug(form, errors, article);
        Instant now = clock.instant();
        Instant publishAt = parse(form.getPublishAt(), "publishAt", errors);
        ArticleStatus status = form.getStatus();
        if (status != null && status.goesPublic() && !signedIn.isEditor()) {
            errors.rejectValue(
                    "status",
                    "forbidden",
                    "Only an editor can publish or schedule. Save it as a draft or submit it for review.");
        } else if (status == ArticleStatus.PUBLISHED && !errors.hasFieldErrors("publishAt")) {
            if (publishAt == null) {
                publishAt = now;
            } else if (publishAt.isAfter(now)) {
                errors.rejectValue(
                        "publishAt",
                        "future",
                        "That time is still to come: choose Scheduled, or clear the time to publish now.");
            }
        } else if (status == ArticleStatus.SCHEDULED && !errors.hasFieldErrors("publishAt")) {
            if (publishAt == null) {
                errors.rejectValue("publishAt", "required", "Choose when the review goes public.");
            } else if (!publishAt.isAfter(now)) {
                status = ArticleStatus.PUBLISHED; // its time has come already: public at once
            }
        }
        checkRecommendations(form, errors);
        Images.Upload still = checkStill(form, errors, article);

        boolean goingPublic =
                article != null && !article.getStatus().goesPublic() && status != null && status.goesPublic();
        PollDesk.Checked poll = polls.check(
                pollDraft(form, errors),
                new PollDesk.Review(article == null ? null : article.getId(), publishAt, goingPublic),
                errors);
        if (errors.hasErrors()) {
            return null;
        }
        return new Checked(slug, genre, film, author, status, publishAt, poll, still);
    }

    /** A new still, checked and decoded (null when none came); a still needs words for who cannot see it. */
    private Images.Upload checkStill(ArticleForm form, Errors errors, Article article) {
        Images.Upload still = null;
        if (form.hasNewStill()) {
            try {
                still = images.check(form.getStill());
            } catch (ImageRejected rejected) {
                errors.rejectValue("still", "image", rejected.getMessage());
            }
        }
        boolean keeps = form.hasNewStill() || (article != null && article.getStill() != null && !form.isRemoveStill());
        if (keeps
                && (form.getStillAlt() == null || form.getStillAlt().isBlank())
                && !errors.hasFieldErrors("stillAlt")) {
            errors.rejectValue(
                    "stillAlt", "required", "Describe the still for readers who cannot see it, in a sentence.");
        }
        return still;
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
            errors.rejectValue(
                    "slug", "taken", "Another review already lives at /reviews/" + slug + ": choose another slug.");
        } else if (articles.isEarlierSlugOfAnother(slug, id)) {
            errors.rejectValue(
                    "slug",
                    "taken",
                    "/reviews/" + slug
                            + " is an old address of another review and still leads there: choose another slug.");
        }
        return slug;
    }

    private void checkRecommendations(ArticleForm form, Errors errors) {
        List<ArticleForm.RecommendationForm> rows = form.getRecommendations();
        for (int i = 0; i < rows.size(); i++) {
            ArticleForm.RecommendationForm row = rows.get(i);
            if (row != null
                    && !row.isBlank()
                    && (row.getText() == null || row.getText().isBlank())) {
                errors.rejectValue("recommendations[" + i + "].text", "required", "Say what the link is.");
            }
        }
    }

    /** The poll part of the form, its times read in the newsroom's zone (only when a poll is wanted). */
    private PollDraft pollDraft(ArticleForm form, Errors errors) {
        boolean wanted = form.wantsPoll();
        return new PollDraft(
                form.getPollGenreId(),
                form.getPollQuestion(),
                form.getPollOptions(),
                wanted ? parse(form.getPollOpensAt(), "pollOpensAt", errors) : null,
                wanted ? parse(form.getPollClosesAt(), "pollClosesAt", errors) : null);
    }

    private Instant parse(String text, String field, Errors errors) {
        try {
            return Dates.parseInput(text, zone).orElse(null);
        } catch (DateTimeParseException ex) {
            errors.rejectValue(
                    field,
                    "format",
                    "Use a date and time between the years " + Dates.FIRST_YEAR + " and " + Dates.LAST_YEAR
                            + ", like 2026-01-31T09:00.");
            return null;
        }
    }
}
