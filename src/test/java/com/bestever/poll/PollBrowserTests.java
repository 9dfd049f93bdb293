package com.bestever.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bestever.article.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A reader votes in real headless Chromium, with JavaScript on (the standings appear in the
 * review) and off (the form posts and the poll's page shows them); voting twice counts once.
 * Skipped, with the reason in the report, where Chromium or chromedriver is not installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PollBrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static WebDriver withScript;
    static WebDriver withoutScript;

    @LocalServerPort
    int port;

    @Autowired
    PollTesting polls;

    @BeforeAll
    static void startChromium() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install -y chromium chromium-driver)");
        withScript = chromium(true);
        withoutScript = chromium(false);
    }

    static WebDriver chromium(boolean javaScript) {
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
                "--window-size=1000,1400");
        if (!javaScript) {
            options.setExperimentalOption(
                    "prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    @AfterAll
    static void stopChromium() {
        for (WebDriver driver : new WebDriver[] {withScript, withoutScript}) {
            if (driver != null) {
                driver.quit();
            }
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    static WebDriverWait waitUpTo(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static void choose(WebDriver driver, long optionId) {
        driver.findElement(By.cssSelector("label[for=choice-" + optionId + "]")).click();
        driver.findElement(By.cssSelector("form.poll-form button[type=submit]")).click();
    }

    static List<String> standings(WebDriver driver) {
        return driver.findElements(By.cssSelector(".standings-list li")).stream()
                .map(WebElement::getText)
                .map(text -> text.replaceAll("\\s+", " ").strip())
                .toList();
    }

    @Test
    void withoutJavaScriptTheFormPostsAndThePollsPageShowsTheStandings() {
        Article review = polls.openPollReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        WebDriver driver = withoutScript;

        driver.get(url("/reviews/" + review.getSlug()));
        choose(driver, PollTesting.yes(poll));
        waitUpTo(driver).until(ExpectedConditions.urlContains("/polls/" + poll.getId() + "/results"));

        assertThat(driver.findElement(By.cssSelector(".poll-thanks")).getText()).contains("is counted");
        assertThat(driver.findElement(By.cssSelector(".poll-choice")).getText())
                .isEqualTo("Your vote: " + VoteQuestion.YES);
        assertThat(standings(driver))
                .containsExactly(
                        VoteQuestion.YES + " 100% (1 vote) 95% interval 20–100%",
                        VoteQuestion.NO + " 0% (0 votes) 95% interval 0–80%");
        assertThat(driver.findElement(By.cssSelector(".standings-total")).getText())
                .isEqualTo("1 vote");

        driver.findElement(By.cssSelector("a.back-to-review")).click();
        waitUpTo(driver).until(ExpectedConditions.urlContains("/reviews/" + review.getSlug()));
        choose(driver, PollTesting.no(poll));
        waitUpTo(driver).until(ExpectedConditions.urlContains("/polls/" + poll.getId() + "/results"));

        assertThat(driver.findElement(By.cssSelector(".poll-thanks")).getText()).startsWith("You already voted");
        assertThat(driver.findElement(By.cssSelector(".standings-total")).getText())
                .isEqualTo("1 vote");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
    }

    @Test
    void withJavaScriptTheStandingsAppearInTheReviewInPlace() {
        Article review = polls.openPollReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        WebDriver driver = withScript;
        String reviewUrl = url("/reviews/" + review.getSlug());

        driver.get(reviewUrl);
        choose(driver, PollTesting.no(poll));
        waitUpTo(driver)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".poll-status"), "is counted"));

        assertThat(driver.getCurrentUrl()).isEqualTo(reviewUrl);
        assertThat(driver.findElements(By.cssSelector("form.poll-form"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".poll .poll-choice")).getText())
                .isEqualTo("Your vote: " + VoteQuestion.NO);
        assertThat(standings(driver))
                .containsExactly(
                        VoteQuestion.YES + " 0% (0 votes) 95% interval 0–80%",
                        VoteQuestion.NO + " 100% (1 vote) 95% interval 20–100%");
        assertThat(driver.findElement(By.cssSelector(".poll .standings-total")).getText())
                .isEqualTo("1 vote");

        driver.navigate().refresh();
        choose(driver, PollTesting.yes(poll));
        waitUpTo(driver)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".poll-status"), "already voted"));

        assertThat(driver.findElement(By.cssSelector(".poll .standings-total")).getText())
                .isEqualTo("1 vote");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);

        driver.findElement(By.cssSelector("a.poll-standings-link")).click();
        waitUpTo(driver).until(ExpectedConditions.urlContains("/polls/" + poll.getId() + "/results"));
        assertThat(driver.findElement(By.cssSelector(".poll-choice")).getText())
                .isEqualTo("Your vote: " + VoteQuestion.NO);
    }
}
