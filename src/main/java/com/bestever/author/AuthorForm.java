package com.bestever.author;

import com.bestever.system.VersionedForm;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The author form: a critic's name, slug and short bio. A blank slug is made from the name. */
class AuthorForm implements VersionedForm {

    private Long version;

    @NotBlank(message = "Enter the author's name.")
    @Size(max = 120, message = "Use at most 120 characters.")
    private String name;

    @Size(max = 120, message = "Use at most 120 characters.")
    @Pattern(
            regexp = "\\s*|\\s*[a-z0-9]+(-[a-z0-9]+)*\\s*",
            message =
                    "Use lower-case letters and digits in words joined by single hyphens, e.g. philip-dale; or leave it blank.")
    private String slug;

    @Size(max = 5000, message = "Keep the bio under 5,000 characters.")
    private String bio = "";

    static AuthorForm from(Author author) {
        AuthorForm form = new AuthorForm();
        form.version = author.getVersion();
        form.name = author.getName();
        form.slug = author.getSlug();
        form.bio = author.getBio();
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

    public String getBio() {
        return bio;
    }

    public void setBio(String bio) {
        this.bio = bio;
    }
}
