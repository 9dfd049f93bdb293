package com.bestever.film;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.bestever.genre.Genre;

/**
 * The film form: a film's facts as the editor types them. Directors and cast are one name a
 * line; a blank slug is made from the title.
 */
class FilmForm {

    private Long version;

    @NotBlank(message = "Enter the film's title.")
    @Size(max = 200, message = "Use at most 200 characters.")
    private String title;

    @Size(max = 120, message = "Use at most 120 characters.")
    @Pattern(regexp = "\\s*|\\s*[a-z0-9]+(-[a-z0-9]+)*\\s*",
            message = "Use lower-case letters and digits in words joined by single hyphens, e.g. the-400-blows; or leave it blank.")
    private String slug;

    @Size(max = 200, message = "Use at most 200 characters.")
    private String originalTitle;

    // Year and running time are kept as typed (text), so "nineteen" comes back to the editor as
    // they typed it, beside its error; the controller reads the numbers.
    @NotBlank(message = "Enter the year the film came out.")
    private String year;

    @Size(max = 4000, message = "Too long: at most 4,000 characters.")
    private String directors = "";

    @Size(max = 20000, message = "Too long: at most 20,000 characters.")
    private String cast = "";

    @Size(max = 100, message = "Use at most 100 characters.")
    private String country;

    @Size(max = 100, message = "Use at most 100 characters.")
    private String language;

    private String runtime;

    private List<Long> genreIds = new ArrayList<>();

    @Size(max = 2000, message = "Use at most 2,000 characters.")
    @Pattern(regexp = "\\s*|\\s*(?i)https?://[^\\s/?#]+[^\\s]*\\s*", message = "Enter an address starting with http:// or https://; or leave it blank.")
    private String posterUrl;

    static FilmForm from(Film film) {
        FilmForm form = new FilmForm();
        form.version = film.getVersion();
        form.title = film.getTitle();
        form.slug = film.getSlug();
        form.originalTitle = film.getOriginalTitle();
        form.year = String.valueOf(film.getReleaseYear());
        form.directors = String.join("\n", film.getDirectors());
        form.cast = String.join("\n", film.getCast());
        form.country = film.getCountry();
        form.language = film.getLanguage();
        form.runtime = film.getRuntimeMinutes() == null ? null : film.getRuntimeMinutes().toString();
        form.genreIds = new ArrayList<>(film.getGenres().stream().map(Genre::getId).toList());
        form.posterUrl = film.getPosterUrl();
        return form;
    }

    /** The names typed one a line, stripped, blank lines left out. */
    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getOriginalTitle() { return originalTitle; }
    public void setOriginalTitle(String originalTitle) { this.originalTitle = originalTitle; }
    public String getYear() { return year; }
    public void setYear(String year) { this.year = year; }
    public String getDirectors() { return directors; }
    public void setDirectors(String directors) { this.directors = directors; }
    public String getCast() { return cast; }
    public void setCast(String cast) { this.cast = cast; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getRuntime() { return runtime; }
    public void setRuntime(String runtime) { this.runtime = runtime; }

    /** The year as a number, once the controller has checked it. */
    int releaseYear() {
        return Integer.parseInt(year.strip());
    }

    /** The running time in minutes, or null when left blank. */
    Integer runtimeMinutes() {
        return runtime == null || runtime.isBlank() ? null : Integer.valueOf(runtime.strip());
    }
    public List<Long> getGenreIds() { return genreIds; }
    public void setGenreIds(List<Long> genreIds) { this.genreIds = genreIds == null ? new ArrayList<>() : genreIds; }
    public String getPosterUrl() { return posterUrl; }
    public void setPosterUrl(String posterUrl) { this.posterUrl = posterUrl; }
}
