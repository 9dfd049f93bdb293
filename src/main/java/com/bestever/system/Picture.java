package com.bestever.system;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An uploaded image as a page shows it: the key its renditions are stored under
 * ({@code /images/{key}-{width}.jpg}, see {@link Images}), the size of its largest rendition and
 * the text that describes it. Embedded in the entity that shows it (a film's poster, a review's
 * still), so a page that has the entity has its image without another query. The columns are
 * named by the embedding entity ({@code @AttributeOverride}).
 */
@Embeddable
public class Picture {

    @Column(name = "key", length = 24)
    private String key;

    @Column(name = "width")
    private Integer width;

    @Column(name = "height")
    private Integer height;

    @Column(name = "alt", length = 300)
    private String alt;

    protected Picture() {}

    public Picture(String key, int width, int height, String alt) {
        this.key = key;
        this.width = width;
        this.height = height;
        this.alt = alt;
    }

    public String getKey() {
        return key;
    }

    /** The width of the largest rendition, in pixels. */
    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    public String getAlt() {
        return alt;
    }

    /** The same image described otherwise. */
    public Picture describedAs(String newAlt) {
        return new Picture(key, width, height, newAlt);
    }

    /** The widths it is stored in, smallest first. */
    public List<Integer> widths() {
        return Images.widthsFor(width);
    }

    /** The address of the rendition {@code width} pixels wide (one of {@link #widths()}). */
    public String url(int renditionWidth) {
        return "/images/" + key + "-" + renditionWidth + ".jpg";
    }

    /** A {@code srcset} of every rendition. */
    public String srcset() {
        return widths().stream().map(w -> url(w) + " " + w + "w").collect(Collectors.joining(", "));
    }

    /** The {@code src} for browsers without {@code srcset}: the rendition nearest 640 pixels wide. */
    public String src() {
        return url(widthNear(640));
    }

    /** The rendition to share (Open Graph): the largest, at most 1280 pixels wide. */
    public int shareWidth() {
        return widthNear(1280);
    }

    /** The height of the rendition {@code renditionWidth} pixels wide. */
    public int heightAt(int renditionWidth) {
        return Math.max(1, Math.round((float) height * renditionWidth / width));
    }

    private int widthNear(int wanted) {
        List<Integer> widths = widths();
        return widths.stream().filter(w -> w <= wanted).reduce((a, b) -> b).orElse(widths.get(0));
    }

    /** Two pictures are equal when they show the same stored image, the same size, described alike. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Picture that
                && Objects.equals(key, that.key)
                && Objects.equals(width, that.width)
                && Objects.equals(height, that.height)
                && Objects.equals(alt, that.alt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, width, height, alt);
    }

    /** Every field, so that a record holding a picture prints what it shows ({@code article.CardHtml}'s digest). */
    @Override
    public String toString() {
        return "Picture[key=" + key + ", width=" + width + ", height=" + height + ", alt=" + alt + "]";
    }
}
