package com.bestever.article;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.JdbcStatements;
import com.bestever.support.SiteTest;
import com.bestever.system.KeptPagesForTests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MockMvc;

/** The sample review, as filed by the editor, read on its page by a reader. */
@SiteTest
class ReviewPageTests {

    /** The filed review, one part a line (blank lines dropped), exactly as in the sample file. */
    static List<String> filed;

    @Autowired
    MockMvc mvc;

    @Autowired
    KeptPagesForTests keptPages;

    @BeforeAll
    static void readTheFiledReview() throws IOException {
        try (InputStream in = new ClassPathResource("sample/the-400-blows.txt").getInputStream()) {
            filed = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
    }

    Document reviewPage() throws Exception {
        return page(mvc.perform(get("/reviews/the-400-blows")).andExpect(status().isOk()));
    }

    Element review(Document page) {
        return page.selectFirst("main article");
    }

    @Test
    void showsTheKickerFromTheGenre() throws Exception {
        Element kicker = review(reviewPage()).selectFirst(".kicker");
        assertThat(kicker.text()).isEqualTo(filed.get(0) + " " + filed.get(1));
    }

    @Test
    void showsTheTitleAsTheOnlyHeadingOfTheFirstRank() throws Exception {
        Document page = reviewPage();
        assertThat(page.select("h1")).hasSize(1);
        assertThat(page.selectFirst("h1").text()).isEqualTo(filed.get(2));
        assertThat(page.title()).contains("The 400 Blows");
    }

    @Test
    void showsThePullQuoteUnderTheTitle() throws Exception {
        Element title = review(reviewPage()).selectFirst("h1");
        Element pullQuote = title.nextElementSibling();
        assertThat(pullQuote.tagName()).isEqualTo("blockquote");
        assertThat("\"" + pullQuote.text() + "\"").isEqualTo(filed.get(3));
    }

    @Test
    void showsTheBodyParagraphsWordForWord() throws Exception {
        Elements paragraphs = review(reviewPage()).select(".review-body > p");
        int closing = closingLine();
        assertThat(paragraphs.eachText()).containsExactlyElementsOf(filed.subList(4, closing));
        assertThat(paragraphs).hasSize(9);
    }

    @Test
    void showsTheVerdictThenThePollThatHandsTheQuestionToTheReaders() throws Exception {
        Element article = review(reviewPage());
        String verdict = article.selectFirst(".verdict").text();
        String question = article.selectFirst(".poll h2").text();
        assertThat(verdict + " " + question).isEqualTo(filed.get(closingLine()));
        assertThat(question).isEqualTo("Is The 400 Blows the Best Ever Coming-of-Age Movie? You tell us.");
    }

    @Test
    void showsThePollAsAFormWithOneRadioButtonPerOption() throws Exception {
        Element form = review(reviewPage()).selectFirst(".poll form");
        assertThat(form.attr("method")).isEqualToIgnoringCase("post");
        assertThat(form.attr("action")).matches("/polls/\\d+/votes");
        Elements choices = form.select("input[type=radio][name=choice]");
        assertThat(choices).hasSize(2);
        assertThat(choices.stream()
                        .map(choice -> form.selectFirst("label[for=" + choice.id() + "]")
                                .text()))
                .containsExactly("Yes, it's the best ever", "No, something else is");
        // Public pages are the same for every reader: no per-session token in the form.
        assertThat(form.select("input[type=hidden][name=_csrf]")).isEmpty();
    }

    @Test
    void showsDecideForYourselfWithBothRecommendations() throws Exception {
        Element decide = review(reviewPage()).selectFirst(".decide");
        assertThat(decide.selectFirst("h2").text())
                .isEqualTo(filed.get(closingLine() + 1).replace(":", ""));
        assertThat(decide.select("ol > li").eachText())
                .containsExactly(
                        filed.get(closingLine() + 2).substring(2),
                        filed.get(closingLine() + 3).substring(2));
    }

    @Test
    void endsWithTheBylineAndTheDate() throws Exception {
        Element article = review(reviewPage());
        assertThat(article.selectFirst(".byline").text()).isEqualTo(filed.get(filed.size() - 2));
        assertThat(article.selectFirst(".byline a").attr("href")).isEqualTo("/authors/philip-dale");
        Element date = article.selectFirst("footer time");
        assertThat(date.text()).isEqualTo(filed.get(filed.size() - 1));
        assertThat(date.attr("datetime")).startsWith("2025-12-09");
    }

    @Test
    void showsThePartsInTheOrderTheyWereFiled() throws Exception {
        Element article = review(reviewPage());
        List<String> order = List.of(
                ".kicker",
                "h1",
                "blockquote.pull-quote",
                ".review-body",
                ".verdict",
                ".poll",
                ".decide",
                ".byline",
                "footer time");
        List<Integer> positions = order.stream()
                .map(selector -> article.selectFirst(selector).siblingIndex() >= 0
                        ? article.getAllElements().indexOf(article.selectFirst(selector))
                        : -1)
                .toList();
        assertThat(positions).isSorted().doesNotContain(-1);
    }

    @Test
    void isSemanticHtml() throws Exception {
        Document page = reviewPage();
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("body > header nav")).isNotEmpty();
        assertThat(page.select("main article header")).isNotEmpty();
        assertThat(page.select("body > footer")).isNotEmpty();
        assertThat(page.select("meta[name=viewport]")).isNotEmpty();
    }

    @Test
    void linksToTheFilmTheGenreAndTheAuthor() throws Exception {
        Element article = review(reviewPage());
        assertThat(article.select("a[href=/films/the-400-blows]")).isNotEmpty();
        assertThat(article.select("a[href=/genres/drama]")).isNotEmpty();
        assertThat(article.select("a[href=/authors/philip-dale]")).isNotEmpty();
    }

    @Test
    void loadsInAtMostSevenSqlStatements() throws Exception {
        reviewPage(); // warm up: the count is of a reader's request, not of the first start
        keptPages.dropAll(); // a render, not the kept copy
        long count = JdbcStatements.countDuring(this::reviewPage);
        // The review with its film's directors, its poll and its read-next cards, the commit, and
        // the poll box's own look-ups; every statement the driver runs, whoever sends it.
        assertThat(count).isLessThanOrEqualTo(7);
    }

    @Test
    void givesTheReaderNoSession() throws Exception {
        var response = mvc.perform(get("/reviews/the-400-blows")).andReturn().getResponse();
        assertThat(response.getHeaders("Set-Cookie")).isEmpty();
    }

    private int closingLine() {
        for (int i = 0; i < filed.size(); i++) {
            if (filed.get(i).endsWith("You tell us.")) {
                return i;
            }
        }
        throw new AssertionError("the filed review has no closing line");
    }
}
