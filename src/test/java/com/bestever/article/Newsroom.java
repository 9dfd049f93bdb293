package com.bestever.article;

import static com.bestever.support.Html.page;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.bestever.admin.Accounts;
import com.bestever.admin.Role;
import com.bestever.author.Author;
import com.bestever.film.Film;
import com.bestever.genre.Genre;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.support.WebApplicationContextUtils;

/** Test helper: newsroom members at the article form, posting it as a browser would. */
@Component
class Newsroom {

    static final RequestPostProcessor EDITOR = member("edna", Role.EDITOR);
    static final RequestPostProcessor OTHER_EDITOR = member("otto", Role.EDITOR);
    static final RequestPostProcessor ADMIN = member("ada", Role.ADMIN);
    static final RequestPostProcessor WRITER = member("wanda", Role.WRITER);
    static final RequestPostProcessor OTHER_WRITER = member("walt", Role.WRITER);

    private final TestData data;
    private final ArticleRepository articles;
    private final TransactionTemplate transaction;
    private final Accounts accounts;

    Newsroom(TestData data, ArticleRepository articles, TransactionTemplate transaction, Accounts accounts) {
        this.data = data;
        this.articles = articles;
        this.transaction = transaction;
        this.accounts = accounts;
    }

    /**
     * Signs the request in as a real account with this user name and role (made the first time),
     * so the newsroom sees a {@code SignedIn} principal as after a real sign-in.
     */
    private static RequestPostProcessor member(String username, Role role) {
        return request -> WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext())
                .getBean(TestAccounts.class)
                .signedIn(username, role)
                .postProcessRequest(request);
    }

    /** The fields of a complete, valid review about a new film, as the form posts them. */
    Map<String, String> validFields() {
        Genre genre = data.genre();
        Film film = data.film(genre);
        Author author = data.author();
        String slug = TestData.unique("written");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", "Written " + slug);
        fields.put("slug", slug);
        fields.put("genreId", genre.getId().toString());
        fields.put("filmId", film.getId().toString());
        fields.put("authorId", author.getId().toString());
        fields.put("pullQuote", "A pull quote about " + slug + ".");
        fields.put("body", "The first paragraph.\n\nThe second paragraph.");
        fields.put("verdict", "The verdict.");
        fields.put("recommendations[0].text", "");
        fields.put("recommendations[0].url", "");
        fields.put("pollQuestion", "");
        fields.put("pollGenreId", "");
        fields.put("pollOpensAt", "");
        fields.put("pollClosesAt", "");
        fields.put("pollOptions[0]", "Yes, it's the best ever");
        fields.put("pollOptions[1]", "No, something else is");
        fields.put("status", "DRAFT");
        fields.put("publishAt", "");
        return fields;
    }

    /** The edit form of a saved review, as the page offers it (every field, with its version). */
    Map<String, String> fieldsOf(Long id, MockMvc mvc, RequestPostProcessor who) throws Exception {
        Document form = page(mvc.perform(get("/admin/articles/" + id + "/edit").with(who)));
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("form.article-form input[name], form.article-form textarea[name]")
                .forEach(input -> {
                    // As a browser sends it: no file chosen, unticked boxes left out.
                    boolean unticked = input.attr("type").equals("checkbox") && !input.hasAttr("checked");
                    if (!input.attr("name").equals("_csrf")
                            && !input.attr("type").equals("submit")
                            && !input.attr("type").equals("file")
                            && !unticked) {
                        fields.put(
                                input.attr("name"),
                                input.tagName().equals("textarea")
                                        ? input.wholeText().replaceFirst("^\n", "")
                                        : input.val());
                    }
                });
        form.select("form.article-form select[name]").forEach(select -> {
            var selected = select.selectFirst("option[selected]");
            fields.put(select.attr("name"), selected == null ? "" : selected.val());
        });
        return fields;
    }

    static MockHttpServletRequestBuilder postForm(String url, Map<String, String> fields) {
        MockHttpServletRequestBuilder request = post(url).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    Long create(MockMvc mvc, Map<String, String> fields, RequestPostProcessor who) throws Exception {
        String location = mvc.perform(postForm("/admin/articles/new", fields).with(who))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        if (location == null || !location.matches("/admin/articles/\\d+/edit")) {
            throw new AssertionError("the review was not created; answer: " + location);
        }
        return Long.valueOf(location.replaceAll("\\D", ""));
    }

    /** The id of the account of one of the members above, for what a review keeps of who saved it. */
    Long accountId(String username) {
        return accounts.findByUsername(username).orElseThrow().getId();
    }

    Article article(Long id) {
        return transaction.execute(status -> {
            Article article = articles.findForEditing(id).orElse(null);
            if (article != null) {
                article.getEarlierSlugs().size();
            }
            return article;
        });
    }
}
