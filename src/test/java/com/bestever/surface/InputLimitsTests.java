package com.bestever.surface;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.article.ArticleForm;
import com.bestever.support.SiteTest;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.Field;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One length for each text, in the form and in the database: every form field that is saved to a
 * column has a {@code @Size(max)} equal to the column's limit (a varchar's length, or a text
 * column's {@code char_length(...) <= N} check), read from PostgreSQL's catalog.
 */
@SiteTest
class InputLimitsTests {

    record Saved(String form, String field, String table, String column) {}

    static final List<Saved> FIELDS = List.of(
            new Saved("com.bestever.article.ArticleForm", "title", "article", "title"),
            new Saved("com.bestever.article.ArticleForm", "slug", "article", "slug"),
            new Saved("com.bestever.article.ArticleForm", "pullQuote", "article", "pull_quote"),
            new Saved("com.bestever.article.ArticleForm", "body", "article", "body"),
            new Saved("com.bestever.article.ArticleForm", "verdict", "article", "verdict"),
            new Saved("com.bestever.article.ArticleForm", "pollQuestion", "vote_question", "question"),
            new Saved("com.bestever.article.ArticleForm$RecommendationForm", "text", "recommendation", "text"),
            new Saved("com.bestever.article.ArticleForm$RecommendationForm", "url", "recommendation", "url"),
            new Saved("com.bestever.film.FilmForm", "title", "film", "title"),
            new Saved("com.bestever.film.FilmForm", "slug", "film", "slug"),
            new Saved("com.bestever.film.FilmForm", "originalTitle", "film", "original_title"),
            new Saved("com.bestever.film.FilmForm", "country", "film", "country"),
            new Saved("com.bestever.film.FilmForm", "language", "film", "language"),
            new Saved("com.bestever.film.FilmForm", "posterAlt", "film", "poster_alt"),
            new Saved("com.bestever.article.ArticleForm", "seoTitle", "article", "seo_title"),
            new Saved("com.bestever.article.ArticleForm", "seoDescription", "article", "seo_description"),
            new Saved("com.bestever.article.ArticleForm", "stillAlt", "article", "still_alt"),
            new Saved("com.bestever.author.AuthorForm", "name", "author", "name"),
            new Saved("com.bestever.author.AuthorForm", "slug", "author", "slug"),
            new Saved("com.bestever.author.AuthorForm", "bio", "author", "bio"),
            new Saved("com.bestever.genre.GenreForm", "name", "genre", "name"),
            new Saved("com.bestever.genre.GenreForm", "slug", "genre", "slug"),
            new Saved("com.bestever.genre.GenreForm", "description", "genre", "description"),
            new Saved("com.bestever.admin.AccountForm", "displayName", "app_user", "display_name"),
            new Saved("com.bestever.admin.NameAndRoleForm", "displayName", "app_user", "display_name"));

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyFormFieldIsAsLongAsItsColumnAllows() throws Exception {
        for (Saved saved : FIELDS) {
            int form = formLimit(saved);
            int column = columnLimit(saved.table(), saved.column());
            assertThat(form)
                    .as("%s.%s (@Size max) against %s.%s", saved.form(), saved.field(), saved.table(), saved.column())
                    .isEqualTo(column);
        }
    }

    @Test
    void pollOptionsAreAsLongAsTheirColumn() throws Exception {
        Field options = ArticleForm.class.getDeclaredField("pollOptions");
        Size each = ((AnnotatedParameterizedType) options.getAnnotatedType())
                .getAnnotatedActualTypeArguments()[0].getAnnotation(Size.class);
        assertThat(each).as("each poll option has @Size").isNotNull();
        assertThat(each.max()).isEqualTo(columnLimit("vote_option", "label"));
    }

    private static int formLimit(Saved saved) throws Exception {
        Field field = Class.forName(saved.form()).getDeclaredField(saved.field());
        Size size = field.getAnnotation(Size.class);
        assertThat(size).as("%s.%s has @Size", saved.form(), saved.field()).isNotNull();
        return size.max();
    }

    /** A varchar's length, or the N of a {@code char_length(column) <= N} check on a text column. */
    private int columnLimit(String table, String column) {
        Integer varchar = jdbc.sql("select character_maximum_length from information_schema.columns"
                        + " where table_schema = 'public' and table_name = ? and column_name = ?")
                .params(table, column)
                .query(Integer.class)
                .optional()
                .orElse(null);
        if (varchar != null) {
            return varchar;
        }
        List<String> checks = jdbc.sql("select pg_get_constraintdef(c.oid) from pg_constraint c"
                        + " join pg_class t on t.oid = c.conrelid where t.relname = ? and c.contype = 'c'")
                .param(table)
                .query(String.class)
                .list();
        Pattern limit = Pattern.compile("char_length\\(\\(?" + column + "\\)?(::text)?\\) <= (\\d+)");
        return checks.stream()
                .map(limit::matcher)
                .filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(2)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(table + "." + column + " has no length limit: " + checks));
    }
}
