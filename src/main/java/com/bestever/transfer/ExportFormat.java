package com.bestever.transfer;

import static com.bestever.transfer.Table.Kind.BOOL;
import static com.bestever.transfer.Table.Kind.DATE;
import static com.bestever.transfer.Table.Kind.DOUBLE;
import static com.bestever.transfer.Table.Kind.INT;
import static com.bestever.transfer.Table.Kind.LONG;
import static com.bestever.transfer.Table.Kind.TEXT;
import static com.bestever.transfer.Table.Kind.TIME;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The site's export format, version {@value #VERSION} (described for people in
 * docs/export-format.md): a zip whose first entry is {@code manifest.json}, then one JSON object
 * a line per genre, author, film, poll and account, the image files as they are stored, and each
 * review (and each of its revisions) as Markdown with a front matter. Columns keep the site's
 * names; ids are the exporting site's and only tie the entries together.
 */
final class ExportFormat {

    static final String NAME = "bestever-export";
    static final int VERSION = 1;

    static final String MANIFEST = "manifest.json";
    static final String ACCOUNTS = "accounts.jsonl";
    static final String GENRES = "genres.jsonl";
    static final String AUTHORS = "authors.jsonl";
    static final String IMAGES = "images.jsonl";
    static final String IMAGE_FOLDER = "images/";
    static final String FILMS = "films.jsonl";
    static final String REVIEW_FOLDER = "reviews/";
    static final String POLLS = "polls.jsonl";
    static final String TOMBSTONES = "deleted-reviews.jsonl";

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Accounts without their password hash: an imported account signs in once an admin sets its password. */
    static final Table ACCOUNT = Table.of("app_user")
            .col(LONG, "id")
            .col(TEXT, "username", "display_name", "role")
            .col(BOOL, "enabled")
            .col(TIME, "created_at", "updated_at")
            .col(LONG, "version")
            .build();

    static final Table GENRE = Table.of("genre")
            .col(LONG, "id")
            .col(TEXT, "name", "slug", "description")
            .col(TIME, "created_at", "updated_at")
            .col(LONG, "version")
            .ref("created_by", "app_user")
            .ref("updated_by", "app_user")
            .build();

    static final Table AUTHOR = Table.of("author")
            .col(LONG, "id")
            .col(TEXT, "name", "slug", "bio")
            .col(TIME, "created_at", "updated_at")
            .col(LONG, "version")
            .ref("created_by", "app_user")
            .ref("updated_by", "app_user")
            .build();

    static final Table IMAGE = Table.of("image_file")
            .col(TEXT, "name", "content_type")
            .col(TIME, "created_at")
            .build();

    static final Table FILM = Table.of("film")
            .col(LONG, "id")
            .col(TEXT, "title", "slug", "original_title")
            .col(INT, "release_year")
            .col(TEXT, "country", "language")
            .col(INT, "runtime_minutes")
            .col(TIME, "created_at", "updated_at")
            .col(LONG, "version")
            .ref("created_by", "app_user")
            .ref("updated_by", "app_user")
            .col(TEXT, "poster_key")
            .col(INT, "poster_width", "poster_height")
            .col(TEXT, "poster_alt")
            .build();

    static final Table FILM_DIRECTOR =
            Table.of("film_director").col(INT, "position").col(TEXT, "name").build();
    static final Table FILM_CAST =
            Table.of("film_cast_member").col(INT, "position").col(TEXT, "name").build();

    /** The front matter of a review; its body is the Markdown below it. */
    static final Table REVIEW = Table.of("article")
            .col(LONG, "id")
            .col(TEXT, "title", "slug")
            .ref("genre_id", "genre")
            .ref("film_id", "film")
            .ref("author_id", "author")
            .col(TEXT, "pull_quote", "verdict", "status")
            .col(TIME, "publish_at", "created_at", "updated_at")
            .col(LONG, "version")
            .ref("created_by", "app_user")
            .ref("updated_by", "app_user")
            .col(TEXT, "still_key")
            .col(INT, "still_width", "still_height")
            .col(TEXT, "still_alt", "seo_title", "seo_description")
            .col(BOOL, "noindex")
            .build();

    static final Table RECOMMENDATION = Table.of("recommendation")
            .col(INT, "position")
            .col(TEXT, "text", "url")
            .build();

    static final Table REVISION = Table.of("article_revision")
            .col(INT, "number")
            .col(TIME, "edited_at")
            .col(TEXT, "title", "slug", "pull_quote", "verdict", "status")
            .col(TIME, "publish_at")
            .col(TEXT, "recommendations")
            .ref("edited_by", "app_user")
            .build();

    /** An earlier slug (an old URL that answers 301), of a genre, author, film or review. */
    static final Table EARLIER_SLUG =
            Table.of("earlier_slug").col(TEXT, "slug").col(TIME, "created_at").build();

    static final Table POLL = Table.of("vote_question")
            .col(LONG, "id")
            .ref("article_id", "article")
            .ref("film_id", "film")
            .ref("genre_id", "genre")
            .col(TEXT, "question")
            .col(TIME, "opens_at", "closes_at", "created_at", "updated_at")
            .col(LONG, "version")
            .col(INT, "round")
            .col(TEXT, "results_shown")
            .build();

    static final Table OPTION = Table.of("vote_option")
            .col(LONG, "id")
            .col(INT, "position")
            .col(TEXT, "label")
            .col(BOOL, "affirmative")
            .col(LONG, "votes")
            .build();

    static final Table VERDICT = Table.of("poll_verdict")
            .col(INT, "round")
            .ref("genre_id", "genre")
            .col(TIME, "closed_at")
            .col(LONG, "yes", "votes")
            .col(DOUBLE, "lower", "upper")
            .col(INT, "genre_rank")
            .col(TIME, "created_at")
            .col(LONG, "excluded")
            .build();

    static final Table SNAPSHOT = Table.of("poll_share_snapshot")
            .col(INT, "round")
            .col(DATE, "day")
            .ref("option_id", "vote_option")
            .col(LONG, "votes", "total")
            .build();

    /** A reader's challenger film; the reader's cookie id is not exported. */
    static final Table CHALLENGER = Table.of("challenger")
            .ref("film_id", "film")
            .col(TEXT, "title", "status")
            .col(TIME, "created_at")
            .ref("reviewed_by", "app_user")
            .col(TIME, "reviewed_at")
            .build();

    static final Table TOMBSTONE = Table.of("review_tombstone")
            .col(TEXT, "slug")
            .col(TIME, "public_from", "deleted_at")
            .build();

    private static final String FENCE = "---";

    private ExportFormat() {}

    /**
     * A review or revision as Markdown with a front matter: one {@code key: value} line per
     * field, each value a JSON literal (so YAML reads it too), then the body as written.
     */
    static String markdown(ObjectNode front, String body) {
        StringBuilder text = new StringBuilder(FENCE).append('\n');
        for (Map.Entry<String, JsonNode> field : front.properties()) {
            text.append(field.getKey())
                    .append(": ")
                    .append(JSON.writeValueAsString(field.getValue()))
                    .append('\n');
        }
        return text.append(FENCE).append('\n').append(body).toString();
    }

    /** The front matter and the body of a review file written by {@link #markdown}. */
    record Document(ObjectNode front, String body) {}

    static Document parse(String name, String text) {
        if (!text.startsWith(FENCE + "\n")) {
            throw new ImportRefused(name + " does not start with a front matter (---).");
        }
        ObjectNode front = JSON.createObjectNode();
        int at = FENCE.length() + 1;
        while (true) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                throw new ImportRefused(name + ": the front matter is not closed (---).");
            }
            String line = text.substring(at, end);
            at = end + 1;
            if (line.equals(FENCE)) {
                break;
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new ImportRefused(name + ": a front-matter line is not \"key: value\": " + cut(line));
            }
            try {
                front.set(line.substring(0, colon), JSON.readTree(line.substring(colon + 2)));
            } catch (RuntimeException ex) {
                throw new ImportRefused(name + ": the value of " + line.substring(0, colon) + " is not JSON.");
            }
        }
        return new Document(front, text.substring(at));
    }

    static Iterator<JsonNode> elements(JsonNode node, String field) {
        JsonNode array = node.get(field);
        return array == null || !array.isArray() ? java.util.Collections.emptyIterator() : array.iterator();
    }

    static String cut(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }
}
