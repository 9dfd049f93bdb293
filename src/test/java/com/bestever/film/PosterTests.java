package com.bestever.film;

import static com.bestever.film.FilmAdminTests.filmForm;
import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.genre.Genre;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import com.bestever.support.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** A film's poster: uploaded with the film form, checked, stripped, resized, stored in PostgreSQL and served for ever. */
@SiteTest
class PosterTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    TestData data;

    @Autowired
    FilmRepository films;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    MockMultipartFile poster(String filename, String contentType, byte[] bytes) {
        return new MockMultipartFile("poster", filename, contentType, bytes);
    }

    Film upload(String title, MockMultipartFile file, String... changes) throws Exception {
        mvc.perform(filmForm(multipart("/admin/films/new").file(file), title, new Genre[0], changes)
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(redirectedUrlPattern("/admin/films/*/edit"));
        return films.findBySlug(title.toLowerCase().replace(' ', '-')).orElseThrow();
    }

    long storedFiles() {
        return jdbc.queryForObject("select count(*) from image_file", Long.class);
    }

    @Test
    void anUploadedPosterIsStrippedResizedAndServedForEverWithAnEtag() throws Exception {
        String title = TestData.unique("Poster Film");
        Film film = upload(title, poster("poster.jpg", "image/jpeg", TestImages.jpegWithGps(1000, 1500)));

        assertThat(film.getPoster()).isNotNull();
        assertThat(film.getPoster().getWidth()).isEqualTo(1000);
        assertThat(film.getPoster().getHeight()).isEqualTo(1500);
        assertThat(film.getPoster().getAlt()).isEqualTo("Poster of " + title + " (1959)");
        assertThat(film.getPoster().widths()).containsExactly(160, 320, 640, 960, 1000);

        String url = film.getPoster().url(320);
        MockHttpServletResponse image =
                mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(image.getContentType()).isEqualTo("image/jpeg");
        assertThat(image.getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        String etag = image.getHeader("ETag");
        assertThat(etag).isNotBlank();
        BufferedImage resized = ImageIO.read(new ByteArrayInputStream(image.getContentAsByteArray()));
        assertThat(resized.getWidth()).isEqualTo(320);
        assertThat(resized.getHeight()).isEqualTo(480);
        String bytes = new String(image.getContentAsByteArray(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(TestImages.GPS_SECRET).doesNotContain("Exif");

        var notModified = mvc.perform(get(url).header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andReturn()
                .getResponse();
        assertThat(notModified.getContentAsByteArray()).isEmpty();
        assertThat(notModified.getHeader("ETag")).isEqualTo(etag);
    }

    @Test
    void aWebpAndAPngAreTakenToo() throws Exception {
        Film png = upload(TestData.unique("Png Film"), poster("p.png", "image/png", TestImages.png(400, 600)));
        assertThat(png.getPoster().widths()).containsExactly(160, 320, 400);
        mvc.perform(get(png.getPoster().url(400))).andExpect(status().isOk());
    }

    @Test
    void hostileUploadsGetAFormErrorAndStoreNothing() throws Exception {
        record Hostile(String name, String contentType, byte[] bytes, String says) {}
        var hostile = new Hostile[] {
            new Hostile("shell.jpg", "image/jpeg", TestImages.php(), "not a JPEG, PNG or WebP"),
            new Hostile("huge.png", "image/png", TestImages.hugePng(), "20000 × 20000 pixels"),
            new Hostile("cut.jpg", "image/jpeg", TestImages.truncatedJpeg(), "damaged"),
            new Hostile("poster.svg", "image/svg+xml", TestImages.svgWithScript(), "not a JPEG, PNG or WebP"),
        };
        for (Hostile upload : hostile) {
            long before = storedFiles();
            String title = TestData.unique("Hostile Film");
            Document form = page(mvc.perform(filmForm(
                                    multipart("/admin/films/new")
                                            .file(poster(upload.name(), upload.contentType(), upload.bytes())),
                                    title,
                                    new Genre[0])
                            .with(accounts.signedIn(Role.EDITOR)))
                    .andExpect(status().isOk()));
            Element error = form.selectFirst("#poster-error");
            assertThat(error).as(upload.name()).isNotNull();
            assertThat(error.text()).as(upload.name()).contains(upload.says());
            assertThat(form.selectFirst("#poster").attr("aria-describedby")).contains("poster-error");
            assertThat(form.selectFirst("#title").val()).isEqualTo(title);
            assertThat(films.findBySlug(title.toLowerCase().replace(' ', '-'))).isEmpty();
            assertThat(storedFiles()).as(upload.name()).isEqualTo(before);
        }
    }

    @Test
    void theFilmPageAndTheCardsShowThePosterInEveryWidthWithItsSize() throws Exception {
        String title = TestData.unique("Shown Film");
        Film film = upload(
                title, poster("p.jpg", "image/jpeg", TestImages.jpeg(800, 1200)), "posterAlt", "A boy on a beach");
        Article review = data.review(article -> {
            article.setFilm(film);
            article.publish(java.time.Instant.now().minusSeconds(60));
        });

        Document filmPage = page(mvc.perform(get("/films/" + film.getSlug())).andExpect(status().isOk()));
        Element img = filmPage.selectFirst("main img.poster");
        assertThat(img.attr("alt")).isEqualTo("A boy on a beach");
        assertThat(img.attr("width")).isEqualTo("800");
        assertThat(img.attr("height")).isEqualTo("1200");
        assertThat(img.attr("srcset"))
                .isEqualTo(
                        film.getPoster().url(160) + " 160w, " + film.getPoster().url(320) + " 320w, "
                                + film.getPoster().url(640) + " 640w, "
                                + film.getPoster().url(800) + " 800w");
        assertThat(img.attr("sizes")).isNotBlank();
        assertThat(img.attr("decoding")).isEqualTo("async");
        assertThat(img.hasAttr("loading"))
                .as("the film page's first image is not lazy")
                .isFalse();
        assertThat(filmPage.select("main .card img").eachAttr("loading")).containsOnly("lazy");

        Document genre =
                page(mvc.perform(get("/genres/" + review.getGenre().getSlug())).andExpect(status().isOk()));
        Element card = genre.selectFirst("main .card img");
        assertThat(card.attr("src")).isEqualTo(film.getPoster().url(640));
        assertThat(card.attr("width")).isEqualTo("800");
        assertThat(card.hasAttr("loading"))
                .as("the listing's first poster is not lazy")
                .isFalse();
        for (Element every : genre.select("img")) {
            assertThat(every.hasAttr("width") && every.hasAttr("height")).isTrue();
        }
    }

    @Test
    void aMissingOrMisnamedImageIs404() throws Exception {
        mvc.perform(get("/images/0123456789abcdef01234567-320.jpg")).andExpect(status().isNotFound());
        mvc.perform(get("/images/..%2Fetc%2Fpasswd")).andExpect(status().is4xxClientError());
        mvc.perform(get("/images/x.jpg")).andExpect(status().isNotFound());
    }
}
