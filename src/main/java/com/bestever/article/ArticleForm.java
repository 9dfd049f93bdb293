package com.bestever.article;

import com.bestever.poll.VoteOption;
import com.bestever.poll.VoteQuestion;
import com.bestever.system.Dates;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/**
 * The article form as the editor typed it (field names as in DESIGN.md). Never an entity:
 * invalid input goes back to the editor exactly as typed.
 */
public class ArticleForm {

    /** Empty rows offered for new recommendations and poll options, so no JavaScript is needed to add one. */
    static final int SPARE_RECOMMENDATIONS = 2;

    static final int SPARE_POLL_OPTIONS = 1;
    static final int MAX_ROWS = 30;

    private Long version;

    @NotBlank(message = "Give the review a title.")
    @Size(max = 200, message = "Keep the title under 200 characters.")
    private String title = "";

    @Size(max = 120, message = "Keep the slug under 120 characters.")
    @Pattern(
            regexp = "^$|^[a-z0-9]+(-[a-z0-9]+)*$",
            message = "Use lower-case letters and digits, in words joined by single hyphens (or leave it blank).")
    private String slug = "";

    @NotNull(message = "Choose the genre of the kicker.")
    private Long genreId;

    @NotNull(message = "Choose the film.")
    private Long filmId;

    @NotNull(message = "Choose the author of the byline.")
    private Long authorId;

    @NotBlank(message = "Write the pull quote.")
    @Size(max = 1000, message = "Keep the pull quote under 1,000 characters.")
    private String pullQuote = "";

    @NotBlank(message = "Write the body of the review.")
    @Size(max = 200_000, message = "The body is longer than 200,000 characters.")
    private String body = "";

    @NotBlank(message = "Write the verdict.")
    @Size(max = 1000, message = "Keep the verdict under 1,000 characters.")
    private String verdict = "";

    @Valid
    @Size(max = MAX_ROWS, message = "At most 30 recommendations.")
    private List<RecommendationForm> recommendations = new ArrayList<>();

    @Size(max = 300, message = "Keep the question under 300 characters.")
    private String pollQuestion = "";

    private Long pollGenreId;

    private String pollOpensAt = "";

    private String pollClosesAt = "";

    @Size(max = MAX_ROWS, message = "At most 30 options.")
    private List<@Size(max = 200, message = "Keep an option under 200 characters.") String> pollOptions =
            new ArrayList<>();

    @NotNull(message = "Choose a status.")
    private ArticleStatus status = ArticleStatus.DRAFT;

    private String publishAt = "";

    /** Search appearance: blank title and description mean the defaults (the title with its kicker, the pull quote). */
    @Size(max = 200, message = "Keep the search title under 200 characters (about 60 show in results).")
    private String seoTitle = "";

    @Size(max = 400, message = "Keep the search description under 400 characters (about 155 show in results).")
    private String seoDescription = "";

    private boolean noindex;

    /** A new still for the review's header and share card; empty when none came with the form. */
    private MultipartFile still;

    @Size(max = 300, message = "Use at most 300 characters.")
    private String stillAlt = "";

    private boolean removeStill;

    /**
     * What the editor typed in "Find a film" (never saved): the film select lists the matching
     * films instead of the most recent ones, so the form never lists the whole catalogue.
     */
    @Size(max = FILM_SEARCH_MAX, message = "Search with at most 200 characters.")
    private String filmSearch = "";

    static final int FILM_SEARCH_MAX = 200;

    /** A blank form for a new review, with the house's two default poll options. */
    static ArticleForm blank() {
        ArticleForm form = new ArticleForm();
        form.pollOptions.add(VoteQuestion.YES);
        form.pollOptions.add(VoteQuestion.NO);
        return form.withSpareRows();
    }

    /** The edit form for a saved review and its poll (may be null). */
    static ArticleForm from(Article article, VoteQuestion poll, ZoneId zone) {
        ArticleForm form = new ArticleForm();
        form.version = article.getVersion();
        form.title = article.getTitle();
        form.slug = article.getSlug();
        form.genreId = article.getGenre().getId();
        form.filmId = article.getFilm().getId();
        form.authorId = article.getAuthor().getId();
        form.pullQuote = article.getPullQuote();
        form.body = article.getBody();
        form.verdict = article.getVerdict();
        form.status = article.getStatus();
        form.publishAt = Dates.input(article.getPublishAt(), zone);
        form.seoTitle = article.getSeoTitle() == null ? "" : article.getSeoTitle();
        form.seoDescription = article.getSeoDescription() == null ? "" : article.getSeoDescription();
        form.noindex = article.isNoindex();
        form.stillAlt = article.getStill() == null ? "" : article.getStill().getAlt();
        for (Recommendation recommendation : article.getRecommendations()) {
            form.recommendations.add(new RecommendationForm(recommendation.getText(), recommendation.getUrl()));
        }
        if (poll != null) {
            form.pollQuestion = poll.getQuestion();
            form.pollGenreId = poll.getGenre().getId();
            form.pollOpensAt = Dates.input(poll.getOpensAt(), zone);
            form.pollClosesAt = Dates.input(poll.getClosesAt(), zone);
            poll.getOptions().stream().map(VoteOption::getLabel).forEach(form.pollOptions::add);
        } else {
            form.pollOptions.add(VoteQuestion.YES);
            form.pollOptions.add(VoteQuestion.NO);
        }
        return form.withSpareRows();
    }

    /** Pads the lists with empty rows, so the editor can add a recommendation or an option. */
    ArticleForm withSpareRows() {
        recommendations.removeIf(r -> r == null);
        long blankRecommendations =
                recommendations.stream().filter(RecommendationForm::isBlank).count();
        for (long i = blankRecommendations; i < SPARE_RECOMMENDATIONS && recommendations.size() < MAX_ROWS; i++) {
            recommendations.add(new RecommendationForm());
        }
        pollOptions.replaceAll(label -> label == null ? "" : label);
        if (pollOptions.stream().noneMatch(String::isBlank) && pollOptions.size() < MAX_ROWS) {
            for (int i = 0; i < SPARE_POLL_OPTIONS; i++) {
                pollOptions.add("");
            }
        }
        return this;
    }

    /**
     * Rearranges the recommendations as a button asked ("up-2", "down-0", "remove-1"), without
     * saving: the form comes back with the new order, and the editor saves when ready.
     */
    void rearrangeRecommendations(String action) {
        if ("add".equals(action)) {
            if (recommendations.size() < MAX_ROWS) {
                recommendations.add(new RecommendationForm());
            }
            return;
        }
        String[] parts = action == null ? new String[0] : action.split("-", 2);
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            return;
        }
        int row = Integer.parseInt(parts[1]);
        if (row >= recommendations.size()) {
            return;
        }
        switch (parts[0]) {
            case "up" -> {
                if (row > 0) {
                    Collections.swap(recommendations, row, row - 1);
                }
            }
            case "down" -> {
                if (row + 1 < recommendations.size()) {
                    Collections.swap(recommendations, row, row + 1);
                }
            }
            case "remove" -> recommendations.remove(row);
            default -> {}
        }
    }

    /** The recommendations the editor filled in, in their order (empty rows dropped). */
    List<Article.RecommendationLine> recommendationLines() {
        return recommendations.stream()
                .filter(r -> r != null && !r.isBlank())
                .map(r -> new Article.RecommendationLine(
                        r.getText().strip(),
                        r.getUrl() == null || r.getUrl().isBlank()
                                ? null
                                : r.getUrl().strip()))
                .toList();
    }

    /** Whether the editor asked for a poll under the review (a poll genre is chosen). */
    boolean wantsPoll() {
        return pollGenreId != null;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public Long getGenreId() {
        return genreId;
    }

    public void setGenreId(Long genreId) {
        this.genreId = genreId;
    }

    public Long getFilmId() {
        return filmId;
    }

    public void setFilmId(Long filmId) {
        this.filmId = filmId;
    }

    public String getFilmSearch() {
        return filmSearch;
    }

    public void setFilmSearch(String filmSearch) {
        this.filmSearch = filmSearch == null ? "" : filmSearch;
    }

    public Long getAuthorId() {
        return authorId;
    }

    public void setAuthorId(Long authorId) {
        this.authorId = authorId;
    }

    public String getPullQuote() {
        return pullQuote;
    }

    public void setPullQuote(String pullQuote) {
        this.pullQuote = pullQuote;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public List<RecommendationForm> getRecommendations() {
        return recommendations;
    }

    public void setRecommendations(List<RecommendationForm> recommendations) {
        this.recommendations = recommendations;
    }

    public String getPollQuestion() {
        return pollQuestion;
    }

    public void setPollQuestion(String pollQuestion) {
        this.pollQuestion = pollQuestion;
    }

    public Long getPollGenreId() {
        return pollGenreId;
    }

    public void setPollGenreId(Long pollGenreId) {
        this.pollGenreId = pollGenreId;
    }

    public String getPollOpensAt() {
        return pollOpensAt;
    }

    public void setPollOpensAt(String pollOpensAt) {
        this.pollOpensAt = pollOpensAt;
    }

    public String getPollClosesAt() {
        return pollClosesAt;
    }

    public void setPollClosesAt(String pollClosesAt) {
        this.pollClosesAt = pollClosesAt;
    }

    public List<String> getPollOptions() {
        return pollOptions;
    }

    public void setPollOptions(List<String> pollOptions) {
        this.pollOptions = pollOptions;
    }

    public ArticleStatus getStatus() {
        return status;
    }

    public void setStatus(ArticleStatus status) {
        this.status = status;
    }

    public String getPublishAt() {
        return publishAt;
    }

    public void setPublishAt(String publishAt) {
        this.publishAt = publishAt;
    }

    /** One "Decide for Yourself" row: the line, and an optional http(s) link. */
    public static class RecommendationForm {

        @Size(max = 1000, message = "Keep a recommendation under 1,000 characters.")
        private String text = "";

        @Size(max = 2000, message = "Keep the link under 2,000 characters.")
        @Pattern(
                regexp = "^\\s*$|^\\s*(?i:https?)://[^\\s<>\"]+\\s*$",
                message = "A link must start with http:// or https://.")
        private String url = "";

        public RecommendationForm() {}

        RecommendationForm(String text, String url) {
            this.text = text;
            this.url = url == null ? "" : url;
        }

        boolean isBlank() {
            return (text == null || text.isBlank()) && (url == null || url.isBlank());
        }

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }
    }

    public String getSeoTitle() {
        return seoTitle;
    }

    public void setSeoTitle(String seoTitle) {
        this.seoTitle = seoTitle;
    }

    public String getSeoDescription() {
        return seoDescription;
    }

    public void setSeoDescription(String seoDescription) {
        this.seoDescription = seoDescription;
    }

    public boolean isNoindex() {
        return noindex;
    }

    public void setNoindex(boolean noindex) {
        this.noindex = noindex;
    }

    public MultipartFile getStill() {
        return still;
    }

    public void setStill(MultipartFile still) {
        this.still = still;
    }

    /** Whether a new still came with the form. */
    boolean hasNewStill() {
        return still != null && !still.isEmpty();
    }

    public String getStillAlt() {
        return stillAlt;
    }

    public void setStillAlt(String stillAlt) {
        this.stillAlt = stillAlt;
    }

    public boolean isRemoveStill() {
        return removeStill;
    }

    public void setRemoveStill(boolean removeStill) {
        this.removeStill = removeStill;
    }
}
