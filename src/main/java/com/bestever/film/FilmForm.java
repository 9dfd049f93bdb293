package com.bestever.film;

import com.bestever.genre.Genre;
import com.bestever.system.VersionedForm;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/**
 * The film form: a film's facts as the editor types them. Directors and cast are one name a
 * line; a blank slug is made from the title.
 */
class FilmForm implements VersionedForm {

    private static final String YEAR_RANGE = "Enter a year from 1888 (the oldest surviving film) to 2100.";
    private static final String RUNTIME_RANGE = "Enter the running time in minutes, more than 0; or leave it blank.";

    private Long version;

    @NotBlank(message = "Enter the film's title.")
    @Size(max = 200, message = "Use at most 200 characters.")
    private String title;

    @Size(max = 120, message = "Use at most 120 characters.")
    @Pattern(
            regexp = "\\s*|\\s*[a-z0-9]+(-[a-z0-9]+)*\\s*",
            message =
                    "Use lower-case letters and digits in words joined by single hyphens, e.g. the-400-blows; or leave it blank.")
    private String slug;

    @Size(max = 200, message = "Use at most 200 characters.")
    private String originalTitle;

    // Text that is not a whole number ("nineteen") fails to bind: the binder keeps it as typed and
    // says typeMismatch.filmForm.year (or .runtime) from messages.properties beside the field.
    @NotNull(message = "Enter the year the film came out.")
    @Min(value = 1888, message = YEAR_RANGE)
    @Max(value = 2100, message = YEAR_RANGE)
    private Integer year;

    @Size(max = 4000, message = "Too long: at most 4,000 characters.")
    private String directors = "";

    @Size(max = 20000, message = "Too long: at most 20,000 characters.")
    private String cast = "";

    @Size(max = 100, message = "Use at most 100 characters.")
    private String country;

    @Size(max = 100, message = "Use at most 100 characters.")
    private String language;

    /** In minutes; null when left blank. */
    @Min(value = 1, message = RUNTIME_RANGE)
    @Max(value = 100_000, message = RUNTIME_RANGE)
    private Integer runtime;

    private List<Long> genreIds = new ArrayList<>();

    /** A new poster, uploaded with the form; empty when the editor chose none. */
    private MultipartFile poster;

    /** What the poster shows, for readers who cannot see it; blank: "Poster of {title} ({year})". */
    @Size(max = 300, message = "Use at most 300 characters.")
    private String posterAlt;

    /** Take the poster off the film. */
    private boolean removePoster;

    static FilmForm from(Film film) {
        FilmForm form = new FilmForm();
        form.version = film.getVersion();
        form.title = film.getTitle();
        form.slug = film.getSlug();
        form.originalTitle = film.getOriginalTitle();
        form.year = film.getReleaseYear();
        form.directors = String.join("\n", film.getDirectors());
        form.cast = String.join("\n", film.getCast());
        form.country = film.getCountry();
        form.language = film.getLanguage();
        form.runtime = film.getRuntimeMinutes();
        form.genreIds =
                new ArrayList<>(film.getGenres().stream().map(Genre::getId).toList());
        form.posterAlt = film.getPoster() == null ? null : film.getPoster().getAlt();
        return form;
    }

    /** The names typed one a line, stripped, blank lines left out. */
    static List<String> lines(String text) {
        return text == null
                ? List.of()
                : text.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
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

    public String getOriginalTitle() {
        return originalTitle;
    }

    public void setOriginalTitle(String originalTitle) {
        this.originalTitle = originalTitle;
    }

    public Integer getYear() {
        return year;
    }

    public void setYear(Integer year) {
        this.year = year;
    }

    public String getDirectors() {
        return directors;
    }

    public void setDirectors(String directors) {
        this.directors = directors;
    }

    public String getCast() {
        return cast;
    }

    public void setCast(String cast) {
        this.cast = cast;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public Integer getRuntime() {
        return runtime;
    }

    public void setRuntime(Integer runtime) {
        this.runtime = runtime;
    }

    public List<Long> getGenreIds() {
        return genreIds;
    }

    public void setGenreIds(List<Long> genreIds) {
        this.genreIds = genreIds == null ? new ArrayList<>() : genreIds;
    }

    public MultipartFile getPoster() {
        return poster;
    }

    public void setPoster(MultipartFile poster) {
        this.poster = poster;
    }

    /** Whether a new poster came with the form. */
    boolean hasNewPoster() {
        return poster != null && !poster.isEmpty();
    }

    public String getPosterAlt() {
        return posterAlt;
    }

    public void setPosterAlt(String posterAlt) {
        this.posterAlt = posterAlt;
    }

    public boolean isRemovePoster() {
        return removePoster;
    }

    public void setRemovePoster(boolean removePoster) {
        this.removePoster = removePoster;
    }
}
