package com.bestever.genre;

import com.bestever.system.VersionedForm;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The genre form: its name (the kicker's "Best Ever {name} Movie?"), slug and description. */
class GenreForm implements VersionedForm {

    private Long version;

    @NotBlank(message = "Enter the genre's name.")
    @Size(max = 80, message = "Use at most 80 characters.")
    private String name;

    @Size(max = 120, message = "Use at most 120 characters.")
    @Pattern(
            regexp = "\\s*|\\s*[a-z0-9]+(-[a-z0-9]+)*\\s*",
            message =
                    "Use lower-case letters and digits in words joined by single hyphens, e.g. coming-of-age; or leave it blank.")
    private String slug;

    @Size(max = 5000, message = "Keep the description under 5,000 characters.")
    private String description = "";

    static GenreForm from(Genre genre) {
        GenreForm form = new GenreForm();
        form.version = genre.getVersion();
        form.name = genre.getName();
        form.slug = genre.getSlug();
        form.description = genre.getDescription();
        return form;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
