package com.bestever.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bestever.author.Author;
import com.bestever.film.Film;
import com.bestever.genre.Genre;
import com.bestever.support.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An editor in real headless Chromium: signs in, writes a review with a poll and a
 * recommendation, publishes it and reads it on the public site. Skipped, with a message
 * saying why, on a machine without Debian's chromium and chromedriver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ArticleEditorBrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    @Value("${bestever.admin.username:}")
    String username;

    @Value("${bestever.admin.password:}")
    String password;

    @Autowired
    TestData data;

    WebDriver browser;

    @BeforeEach
    void startChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.err.println(
                    "SKIPPED ArticleEditorBrowserTests: /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        assumeTrue(
                present,
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        assumeTrue(
                !username.isBlank() && !password.isBlank(),
                "needs the first admin's credentials (bestever.admin.username/password in the test configuration)");
        browser = start();
    }

    static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterEach
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anEditorSignsInWritesAReviewWithAPollAndARecommendationPublishesItAndReadsItOnThePublicSite() {
        Genre genre = data.genre();
        Genre pollGenre = data.genre();
        Film film = data.film(genre, pollGenre);
        Author author = data.author();
        String title = "Browser " + TestData.unique("review");

        open("/admin/articles/new");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(() -> !browser.getCurrentUrl().endsWith("/login"));

        open("/admin/articles/new");
        assertThat(browser.findElements(By.cssSelector("form.article-form")))
                .as(
                        "the article form at %s: %s",
                        browser.getCurrentUrl(),
                        browser.findElement(By.tagName("main")).getText())
                .hasSize(1);
        type("title", title);
        new Select(browser.findElement(By.name("genreId")))
                .selectByValue(genre.getId().toString());
        new Select(browser.findElement(By.name("filmId")))
                .selectByValue(film.getId().toString());
        new Select(browser.findElement(By.name("authorId")))
                .selectByValue(author.getId().toString());
        type("pullQuote", "Written in a real browser.");
        type("body", "The *first* paragraph.\n\nThe second paragraph.");
        type("verdict", "The browser's verdict.");
        type("recommendations[0].text", "The Blu-ray, with the short film");
        type("recommendations[0].url", "https://example.com/blu-ray");
        new Select(browser.findElement(By.name("pollGenreId")))
                .selectByValue(pollGenre.getId().toString());
        new Select(browser.findElement(By.name("status"))).selectByValue("PUBLISHED");
        browser.findElement(By.cssSelector("button[name=save]")).click();

        waitFor(() -> browser.getCurrentUrl().matches(".*/admin/articles/\\d+/edit"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Saved");
        String slug = browser.findElement(By.name("slug")).getAttribute("value");
        assertThat(slug).isNotBlank();

        open("/reviews/" + slug);
        assertThat(browser.findElement(By.cssSelector("main h1")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.cssSelector(".review-body em")).getText())
                .isEqualTo("first");
        assertThat(browser.findElement(By.cssSelector(".poll h2")).getText().replaceAll("\\s+", " "))
                .isEqualTo("Is " + film.getTitle() + " the Best Ever " + pollGenre.getName() + " Movie? You tell us.");
        assertThat(browser.findElements(By.cssSelector(".poll input[type=radio]")))
                .hasSize(2);
        WebElement recommendation = browser.findElement(By.cssSelector(".decide li a"));
        assertThat(recommendation.getText()).isEqualTo("The Blu-ray, with the short film");
        assertThat(recommendation.getAttribute("href")).isEqualTo("https://example.com/blu-ray");
        assertThat(browser.findElements(By.cssSelector(".preview-banner"))).isEmpty();
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private void type(String name, String text) {
        WebElement field = browser.findElement(By.name(name));
        field.clear();
        field.sendKeys(text);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> condition.getAsBoolean());
    }
}
