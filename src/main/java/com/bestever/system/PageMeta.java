package com.bestever.system;

import java.time.Instant;

/**
 * What the head of a public page tells browsers, crawlers and link previews: the title,
 * the description, the canonical address, Open Graph and Twitter card, and the JSON-LD.
 * Built per page by the page it heads (article.PageHeads, the leaderboard, search); the layout's {@code fragments/meta} fragment renders it.
 *
 * @param title the page's unique {@code <title>}
 * @param description the meta description (a review's pull quote, or a summary of the page)
 * @param canonical the absolute canonical URL
 * @param ogType {@code article} for a review, {@code website} for everything else
 * @param image the absolute URL of an image (a film's poster), or null
 * @param publishedTime when a review went public, or null
 * @param modifiedTime when a review last changed, or null
 * @param authorUrl the absolute URL of a review's author page, or null
 * @param jsonLd the structured data, already safe to put inside {@code <script>}, or null
 * @param noindex whether search engines should leave the page out of their index (search results)
 * @param imageWidth the image's width in pixels, or null
 * @param imageHeight the image's height in pixels, or null
 */
public record PageMeta(
        String title,
        String description,
        String canonical,
        String ogType,
        String image,
        Instant publishedTime,
        Instant modifiedTime,
        String authorUrl,
        String jsonLd,
        boolean noindex,
        Integer imageWidth,
        Integer imageHeight) {

    /** The head of a page that is not about one thing: title, description, canonical and JSON-LD. */
    public static PageMeta page(String title, String description, String canonical, String jsonLd) {
        return new PageMeta(
                title, description, canonical, "website", null, null, null, null, jsonLd, false, null, null);
    }

    /** The same page kept out of search engines' indexes. */
    public PageMeta noindexed() {
        return new PageMeta(
                title,
                description,
                canonical,
                ogType,
                image,
                publishedTime,
                modifiedTime,
                authorUrl,
                jsonLd,
                true,
                imageWidth,
                imageHeight);
    }

    /** The same page shared with this image (an absolute URL) of this size. */
    public PageMeta withImage(String url, int width, int height) {
        return new PageMeta(
                title,
                description,
                canonical,
                ogType,
                url,
                publishedTime,
                modifiedTime,
                authorUrl,
                jsonLd,
                noindex,
                width,
                height);
    }

    public boolean isArticle() {
        return "article".equals(ogType);
    }

    /** The Twitter card kind: a large image when there is one to show. */
    public String twitterCard() {
        return image == null ? "summary" : "summary_large_image";
    }
}
