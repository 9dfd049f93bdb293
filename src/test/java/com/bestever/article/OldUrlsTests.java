package com.bestever.article;

import static com.bestever.article.Newsroom.EDITOR;
import static com.bestever.article.Newsroom.postForm;
import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.author.AuthorRepository;
import com.bestever.film.FilmRepository;
import com.bestever.genre.GenreRepository;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** Every old URL keeps working: renamed films, authors and genres answer 301, deleted reviews 410. */
@SiteTest
class OldUrlsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData testData;

    @Autowired
    MutableClock clock;

    @Autowired
    FilmRepository films;

    @Autowired
    AuthorRepository authors;

    @Autowired
    GenreRepository genres;

    @Autowired
    ArticleRepository articles;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Newsroom newsroom;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRenamedFilmAuthorAndGenreKeepTheirOldAddressesAsPermanentRedirects() throws Exception {
        Article review = testData.publishedReview();
        String film = review.getFilm().getSlug();
        String author = review.getAuthor().getSlug();
        String genre = review.getGenre().getSlug();
        transaction.executeWithoutResult(status -> {
            films.findById(review.getFilm().getId()).orElseThrow().setSlug(film + "-renamed");
            authors.findById(review.getAuthor().getId()).orElseThrow().setSlug(author + "-renamed");
            genres.findById(review.getGenre().getId()).orElseThrow().setSlug(genre + "-renamed");
        });

        mvc.perform(get("/films/" + film))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/films/" + film + "-renamed"));
        mvc.perform(get("/authors/" + author))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/authors/" + author + "-renamed"));
        mvc.perform(get("/genres/" + genre))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/genres/" + genre + "-renamed"));
        mvc.perform(get("/best-ever/" + genre))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/best-ever/" + genre + "-renamed"));
        mvc.perform(get("/films/" + film + "-renamed")).andExpect(status().isOk());
    }

    @Test
    void aSlugRenamedTwiceAndBackAnswersFromEveryEarlierSlugAndTheCurrentOneIsNeverARedirect() throws Exception {
        Article review = testData.publishedReview();
        Long id = review.getFilm().getId();
        String first = review.getFilm().getSlug();
        rename(id, first + "-b");
        rename(id, first + "-c");
        mvc.perform(get("/films/" + first)).andExpect(redirectedUrl("/films/" + first + "-c"));
        mvc.perform(get("/films/" + first + "-b")).andExpect(redirectedUrl("/films/" + first + "-c"));
        rename(id, first);
        mvc.perform(get("/films/" + first)).andExpect(status().isOk());
        mvc.perform(get("/films/" + first + "-c")).andExpect(redirectedUrl("/films/" + first));
    }

    @Test
    void everyRedirectFromAnEarlierSlugMayBeKeptAMinuteByBrowsersAndCdnsButNeverServedStale() throws Exception {
        Article review = testData.publishedReview();
        String slug = review.getSlug();
        String film = review.getFilm().getSlug();
        String author = review.getAuthor().getSlug();
        String genre = review.getGenre().getSlug();
        transaction.executeWithoutResult(status -> {
            articles.findById(review.getId()).orElseThrow().changeSlug(slug + "-now");
            films.findById(review.getFilm().getId()).orElseThrow().setSlug(film + "-now");
            authors.findById(review.getAuthor().getId()).orElseThrow().setSlug(author + "-now");
            genres.findById(review.getGenre().getId()).orElseThrow().setSlug(genre + "-now");
        });

        for (String old : new String[] {
            "/reviews/" + slug, "/films/" + film, "/authors/" + author, "/genres/" + genre, "/best-ever/" + genre
        }) {
            mvc.perform(get(old))
                    .andExpect(status().isMovedPermanently())
                    .andExpect(redirectedUrl(old + "-now"))
                    // As long as a page is kept (bestever.http-cache.max-age), and no stale-while-revalidate.
                    .andExpect(header().string("Cache-Control", "public, max-age=60"));
        }
    }

    @Test
    void aReviewRenamedAwayAndBackThroughTheFormIsServedAtItsSlugAndTheOtherLeadsThereInOneHop() throws Exception {
        Article review = testData.publishedReview();
        String a = review.getSlug();
        String b = a + "-b";
        renameThroughTheForm(review.getId(), b);
        mvc.perform(get("/reviews/" + a)).andExpect(redirectedUrl("/reviews/" + b));

        renameThroughTheForm(review.getId(), a);

        Document page = page(mvc.perform(get("/reviews/" + a)).andExpect(status().isOk()));
        assertThat(page.select("h1").text()).isEqualTo(review.getTitle());
        mvc.perform(get("/reviews/" + b))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/reviews/" + a));
        // Renamed on to a third slug, both earlier ones lead straight to it: never a chain.
        String c = a + "-c";
        renameThroughTheForm(review.getId(), c);
        mvc.perform(get("/reviews/" + a)).andExpect(redirectedUrl("/reviews/" + c));
        mvc.perform(get("/reviews/" + b)).andExpect(redirectedUrl("/reviews/" + c));
        mvc.perform(get("/reviews/" + c)).andExpect(status().isOk());
    }

    @Test
    void anUnknownSlugIsStillA404() throws Exception {
        mvc.perform(get("/films/no-such-film-ever")).andExpect(status().isNotFound());
        mvc.perform(get("/authors/no-such-critic-ever")).andExpect(status().isNotFound());
        mvc.perform(get("/genres/no-such-genre-ever")).andExpect(status().isNotFound());
    }

    @Test
    void aDeletedReviewAnswers410GoneUnderEverySlugItHadWithALinkHome() throws Exception {
        Article review = testData.publishedReview();
        String slug = review.getSlug();
        transaction.executeWithoutResult(status -> {
            // An earlier slug, as an editor's rename leaves it.
            articles.findById(review.getId()).orElseThrow().changeSlug(slug + "-now");
        });
        mvc.perform(get("/reviews/" + slug)).andExpect(redirectedUrl("/reviews/" + slug + "-now"));

        mvc.perform(post("/admin/articles/" + review.getId() + "/delete")
                        .with(csrf())
                        .with(EDITOR))
                .andExpect(redirectedUrl("/admin/articles"));

        for (String gone : new String[] {slug, slug + "-now"}) {
            Document page = page(mvc.perform(get("/reviews/" + gone)).andExpect(status().isGone()));
            assertThat(page.select("h1").text()).isEqualTo("This review was removed");
            assertThat(page.select("main a[href=/]")).isNotEmpty();
            assertThat(page.select("meta[name=robots]").attr("content")).isEqualTo("noindex");
        }
    }

    @Test
    void aDeletedDraftAndAnUnpublishedReviewAre404NotGone() throws Exception {
        Article draft = testData.draft();
        mvc.perform(post("/admin/articles/" + draft.getId() + "/delete")
                        .with(csrf())
                        .with(EDITOR))
                .andExpect(redirectedUrl("/admin/articles"));
        mvc.perform(get("/reviews/" + draft.getSlug())).andExpect(status().isNotFound());

        Article scheduled = testData.scheduled(clock.instant().plus(Duration.ofDays(3)));
        mvc.perform(post("/admin/articles/" + scheduled.getId() + "/delete")
                        .with(csrf())
                        .with(EDITOR))
                .andExpect(redirectedUrl("/admin/articles"));
        mvc.perform(get("/reviews/" + scheduled.getSlug())).andExpect(status().isNotFound());
    }

    void rename(Long filmId, String slug) {
        transaction.executeWithoutResult(
                status -> films.findById(filmId).orElseThrow().setSlug(slug));
    }

    void renameThroughTheForm(Long id, String slug) throws Exception {
        Map<String, String> fields = newsroom.fieldsOf(id, mvc, EDITOR);
        fields.put("slug", slug);
        mvc.perform(postForm("/admin/articles/" + id + "/edit", fields).with(EDITOR))
                .andExpect(status().is3xxRedirection());
    }
}
