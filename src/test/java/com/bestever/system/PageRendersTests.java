package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.article.Article;
import com.bestever.article.ArticleRepository;
import com.bestever.genre.Genre;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pages are rendered once and only again when what they show changed: these tests count the
 * renders of kept pages ({@link PublicPageCache#renders()}).
 */
@SiteTest
class PageRendersTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    PublicPageCache cache;

    @Autowired
    ArticleRepository articles;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void savingOneReviewRerendersOnlyThePagesThatShowIt() throws Exception {
        Article saved = data.publishedReview();
        Article other = data.publishedReview();
        List<String> showingIt = pagesOf(saved);
        showingIt.addAll(List.of("/", "/feed.xml", "/sitemap.xml"));
        List<String> notShowingIt = pagesOf(other);
        notShowingIt.add("/robots.txt");
        fetchAll(showingIt);
        fetchAll(notShowingIt);

        transaction.executeWithoutResult(
                status -> articles.findById(saved.getId()).orElseThrow().setPullQuote("A sharper pull quote."));

        long before = cache.renders();
        fetchAll(notShowingIt);
        assertThat(cache.renders())
                .as("renders of pages that do not show the review")
                .isEqualTo(before);
        fetchAll(showingIt);
        assertThat(cache.renders()).as("renders of the pages that show it").isEqualTo(before + showingIt.size());
        fetchAll(showingIt);
        assertThat(cache.renders()).as("kept again").isEqualTo(before + showingIt.size());
    }

    @Test
    void movingAReviewToAnotherGenreRerendersBothGenresPages() throws Exception {
        Article moved = data.publishedReview();
        Genre from = moved.getGenre();
        Genre to = data.genre();
        List<String> genres = List.of("/genres/" + from.getSlug(), "/genres/" + to.getSlug());
        fetchAll(genres);

        transaction.executeWithoutResult(
                status -> articles.findById(moved.getId()).orElseThrow().setGenre(to));

        long before = cache.renders();
        String newGenre = fetch("/genres/" + to.getSlug());
        String oldGenre = fetch("/genres/" + from.getSlug());
        assertThat(cache.renders()).isEqualTo(before + 2);
        assertThat(newGenre).contains(moved.getTitle());
        assertThat(oldGenre).doesNotContain(moved.getTitle());
    }

    @Test
    void manyReadersOfAPageBeingRenderedCauseOneRender() throws Exception {
        Article review = data.publishedReview();
        String path = "/reviews/" + review.getSlug();
        int readers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            // Hold the first render inside the database, so that every reader arrives while it runs.
            Future<?> lock = pool.submit(() -> transaction.executeWithoutResult(status -> {
                jdbc.sql("lock table article in access exclusive mode").update();
                locked.countDown();
                await(release);
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            long before = cache.renders();
            List<Future<String>> pages = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                pages.add(pool.submit(() -> fetch(path)));
            }
            Thread.sleep(500);
            release.countDown();
            lock.get(10, TimeUnit.SECONDS);
            for (Future<String> page : pages) {
                assertThat(page.get(20, TimeUnit.SECONDS)).contains(review.getTitle());
            }
            assertThat(cache.renders()).isEqualTo(before + 1);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static List<String> pagesOf(Article review) {
        return new ArrayList<>(List.of(
                "/reviews/" + review.getSlug(),
                "/films/" + review.getFilm().getSlug(),
                "/authors/" + review.getAuthor().getSlug(),
                "/genres/" + review.getGenre().getSlug()));
    }

    private void fetchAll(List<String> paths) throws Exception {
        for (String path : paths) {
            fetch(path);
        }
    }

    private String fetch(String path) throws Exception {
        var response = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
