package com.bestever.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V48 turns the sign-in names that reviews and revisions kept (V25) into account ids. Run on
 * a schema of its own, migrated to V46, given rows as the site wrote them, then migrated on.
 */
@SiteTest
class SavedByMigrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    final String schema = TestData.unique("v48_check").replace('-', '_');

    Flyway flywayUpTo(String version) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/migration")
                .target(version)
                .load();
    }

    @AfterEach
    void dropTheSchema() {
        jdbc.sql("drop schema if exists " + schema + " cascade").update();
    }

    long insert(String sql) {
        return jdbc.sql(sql.replace("{s}", schema) + " returning id")
                .query(Long.class)
                .single();
    }

    @Test
    void namesBecomeTheirAccountsAndAnUnknownNameBecomesNull() {
        flywayUpTo("46").migrate();
        long edna = insert(
                "insert into {s}.app_user (username, password_hash, display_name, role) values ('edna', 'x', 'Edna', 'EDITOR')");
        long otto = insert(
                "insert into {s}.app_user (username, password_hash, display_name, role) values ('otto', 'x', 'Otto', 'EDITOR')");
        long genre = insert("insert into {s}.genre (name, slug) values ('Drama', 'drama')");
        long film = insert("insert into {s}.film (title, slug, release_year) values ('A Film', 'a-film', 1959)");
        long author = insert("insert into {s}.author (name, slug) values ('A Critic', 'a-critic')");
        long review =
                insert(("insert into {s}.article (title, slug, genre_id, film_id, author_id, pull_quote, body, verdict,"
                                + " created_by, updated_by) values ('A Review', 'a-review', %d, %d, %d, 'q', 'b', 'v', 'edna', 'gone')")
                        .formatted(genre, film, author));
        long unsigned =
                insert(("insert into {s}.article (title, slug, genre_id, film_id, author_id, pull_quote, body, verdict)"
                                + " values ('Sample', 'sample', %d, %d, %d, 'q', 'b', 'v')")
                        .formatted(genre, film, author));
        for (String[] revision : new String[][] {{"1", "edna"}, {"2", "Otto"}, {"3", "gone"}}) {
            insert(
                    ("insert into {s}.article_revision (article_id, number, edited_by, edited_at, title, slug, pull_quote,"
                                    + " body, verdict, status) values (%d, %s, '%s', now(), 'A Review', 'a-review', 'q', 'b', 'v', 'DRAFT')")
                            .formatted(review, revision[0], revision[1]));
        }

        flywayUpTo("48").migrate();

        assertThat(savedBy("article", "created_by", review)).isEqualTo(edna);
        assertThat(savedBy("article", "updated_by", review)).isNull();
        assertThat(savedBy("article", "created_by", unsigned)).isNull();
        assertThat(jdbc.sql("select edited_by from " + schema + ".article_revision order by number")
                        .query(Long.class)
                        .list())
                .containsExactly(edna, otto, null);

        // A deleted account leaves the review and its revisions, without the name.
        jdbc.sql("delete from " + schema + ".app_user where id = ?").param(edna).update();
        assertThat(savedBy("article", "created_by", review)).isNull();
        assertThat(jdbc.sql("select count(*) from " + schema + ".article_revision where edited_by is null")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    Long savedBy(String table, String column, long id) {
        return jdbc.sql("select " + column + " from " + schema + "." + table + " where id = ?")
                .param(id)
                .query(Long.class)
                .optional()
                .orElse(null);
    }
}
