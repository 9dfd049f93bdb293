package com.bestever.transfer;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Account;
import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.poll.VoteQuestion;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import com.bestever.support.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The newsroom's export and import pages: the download is for administrators; a hostile file is
 * refused saying why and writes nothing; WordPress and Ghost posts come in as drafts, after a
 * preview that writes nothing; and a poll's votes download as CSV once its results are public.
 */
@SiteTest
class TransferTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theWholeSiteDownloadsAsAVersionedZipForAdministratorsOnly() throws Exception {
        mvc.perform(get("/admin/transfer/export.zip").with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isForbidden());
        Account admin = accounts.account(Role.ADMIN);
        Document home = page(mvc.perform(get("/admin").with(accounts.signedIn(admin))));
        assertThat(home.select("a[href=/admin/transfer]").text()).isEqualTo("Export and import");

        MockHttpServletResponse download = mvc.perform(
                        get("/admin/transfer/export.zip").with(accounts.signedIn(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(download.getContentType()).isEqualTo("application/zip");
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment; filename=\"bestever-");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(download.getContentAsByteArray()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("manifest.json");
            String manifest = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(manifest).contains("\"format\" : \"bestever-export\"", "\"version\" : 1");
        }
        assertThat(jdbc.sql("select count(*) from audit_entry where kind = 'site.exported' and account_id = ?")
                        .param(admin.getId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // The site's own export, imported back: everything is already here, nothing clashes.
        Account importer = accounts.account(Role.ADMIN);
        Document preview = upload("site.zip", download.getContentAsByteArray(), accounts.signedIn(importer));
        assertThat(preview.select("h2").eachText()).contains("What the import would do (nothing is written yet)");
        assertThat(preview.select(".import-conflicts")).isEmpty();
        assertThat(preview.select("td.added").eachText()).containsOnly("0");
        assertThat(preview.select("form[action$=/import] button").text()).isEqualTo("Import now (all or nothing)");
    }

    @Test
    void aZipBombIsRefusedAndWritesNothing() throws Exception {
        String genre = TestData.unique("bomb");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write("{\"format\":\"bestever-export\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("genres.jsonl"));
            zip.write(("{\"id\":1,\"name\":\"" + genre + "\",\"slug\":\"" + genre + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.write(new byte[64 * 1024 * 1024]); // 64 MB of zeros: about 64 KB compressed
            zip.closeEntry();
        }
        Document refused = refusedUpload("bomb.zip", bytes.toByteArray());
        assertThat(refused.selectFirst(".refusal").text()).contains("zip bomb", "Nothing was imported");
        assertThat(genres(genre)).isZero();
    }

    @Test
    void anEntryNameThatClimbsOutOfItsFolderIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write("{\"format\":\"bestever-export\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("images/../../../etc/cron.d/evil"));
            zip.write("* * * * * root true\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Document refused = refusedUpload("traversal.zip", bytes.toByteArray());
        assertThat(refused.selectFirst(".refusal").text()).contains("could reach outside its folder", "../");
    }

    @Test
    void anXmlFileWithEntitiesIsRefused() throws Exception {
        String title = TestData.unique("xxe");
        String wxr = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
                <channel><item><title>%s</title><wp:post_name>%s</wp:post_name><wp:post_type>post</wp:post_type>
                <content:encoded>&secret;</content:encoded></item></channel></rss>
                """.formatted(title, title);
        Document refused = refusedUpload("wordpress.xml", wxr.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.selectFirst(".refusal").text()).contains("DOCTYPE", "nothing was imported");
        assertThat(reviews(title)).isZero();
    }

    @Test
    void wordPressPostsBecomeDraftReviewsWithTheirCarriedImagesAndAReport() throws Exception {
        String first = TestData.unique("wp-post");
        String second = TestData.unique("wp-post");
        String critic = TestData.unique("wp-critic");
        String wxr = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
                <channel>
                  <title>An old blog</title>
                  <wp:author><wp:author_login>%3$s</wp:author_login><wp:author_display_name>Critic %3$s</wp:author_display_name></wp:author>
                  <item>
                    <title>The first post</title><dc:creator>%3$s</dc:creator><wp:post_name>%1$s</wp:post_name>
                    <wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_date_gmt>2019-05-04 10:00:00</wp:post_date_gmt>
                    <category domain="category" nicename="drama"><![CDATA[Drama]]></category>
                    <content:encoded><![CDATA[<p>Carried <img src="https://old.example/wp-content/uploads/2019/05/still.jpg" alt="A still"></p>
                    <p onclick="steal()">Linked <img src="https://cdn.elsewhere.example/far.png"></p><script>steal()</script>]]></content:encoded>
                  </item>
                  <item>
                    <title>The second post</title><dc:creator>%3$s</dc:creator><wp:post_name>%2$s</wp:post_name>
                    <wp:post_type>post</wp:post_type><content:encoded><![CDATA[<p>Plain <em>text</em>.</p>]]></content:encoded>
                  </item>
                  <item><title>About</title><wp:post_name>about</wp:post_name><wp:post_type>page</wp:post_type></item>
                </channel></rss>
                """.formatted(first, second, critic);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("export.xml"));
            zip.write(wxr.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("wp-content/uploads/2019/05/still.jpg"));
            zip.write(TestImages.jpeg(400, 300));
            zip.closeEntry();
        }
        RequestPostProcessor admin = accounts.signedIn(Role.ADMIN);
        Document preview = upload("wordpress.zip", bytes.toByteArray(), admin);
        assertThat(preview.selectFirst(".import-kind").text()).contains("WordPress or Ghost");
        assertThat(preview.select(".import-counts tr").eachText()).contains("draft review 2 0");
        assertThat(preview.selectFirst(".import-not-brought").text()).contains("https://cdn.elsewhere.example/far.png");
        assertThat(reviews(first)).isZero();

        Document report = confirm(preview, admin);
        assertThat(report.select("h2").eachText()).contains("Imported");
        assertThat(jdbc.sql("select status from article where slug in (?, ?)")
                        .params(first, second)
                        .query(String.class)
                        .list())
                .containsExactly("DRAFT", "DRAFT");
        String body = jdbc.sql("select body from article where slug = ?")
                .param(first)
                .query(String.class)
                .single();
        assertThat(body)
                .doesNotContain("script", "onclick", "elsewhere")
                .contains("<img src=\"/images/", "alt=\"A still\"");
        assertThat(jdbc.sql("select a.name from article r join author a on a.id = r.author_id where r.slug = ?")
                        .param(first)
                        .query(String.class)
                        .single())
                .isEqualTo("Critic " + critic);
        assertThat(jdbc.sql("select g.name from article r join genre g on g.id = r.genre_id where r.slug = ?")
                        .param(first)
                        .query(String.class)
                        .single())
                .isEqualTo("Drama");
        mvc.perform(get("/reviews/" + first)).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from audit_entry where kind = 'site.imported' and summary like ?")
                        .param("%draft review=2%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void ghostPostsBecomeDraftReviews() throws Exception {
        String slug = TestData.unique("ghost-post");
        String json = """
                {"db":[{"meta":{"version":"5.0.0"},"data":{
                  "posts":[{"id":"p1","title":"A Ghost post","slug":"%1$s","html":"<p>From <strong>Ghost</strong></p><iframe src=x></iframe>","status":"published","type":"post","published_at":"2021-03-01T10:00:00.000Z"},
                           {"id":"p2","title":"A Ghost page","slug":"%1$s-page","html":"<p>Page</p>","type":"page"}],
                  "users":[{"id":"u1","name":"Ghost Writer %1$s","slug":"ghost-writer"}],
                  "posts_authors":[{"post_id":"p1","author_id":"u1"}],
                  "tags":[],"posts_tags":[]}}]}
                """.formatted(slug);
        RequestPostProcessor admin = accounts.signedIn(Role.ADMIN);
        Document preview = upload("ghost.json", json.getBytes(StandardCharsets.UTF_8), admin);
        assertThat(preview.select(".import-counts tr").eachText()).contains("draft review 1 0");
        confirm(preview, admin);
        assertThat(jdbc.sql("select status || ' ' || body from article where slug = ?")
                        .param(slug)
                        .query(String.class)
                        .single())
                .isEqualTo("DRAFT <p>From <strong>Ghost</strong></p>");
        assertThat(reviews(slug + "-page")).isZero();
    }

    @Test
    void aPollsVotesDownloadAsCsvOnceItsResultsArePublic() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = data.pollFor(review);
        long yes = poll.getOptions().get(0).getId();
        long no = poll.getOptions().get(1).getId();
        jdbc.sql("""
                        insert into vote (question_id, option_id, voter_id, client_hash, created_at)
                        values (?, ?, 'reader-one', 'hash-one', '2026-01-01T10:00:00Z'),
                               (?, ?, 'reader-two', 'hash-two', '2026-01-01T10:05:00Z')""").params(poll.getId(), yes, poll.getId(), no).update();
        MockHttpServletResponse csv = mvc.perform(get("/polls/" + poll.getId() + "/votes.csv"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo("time,round,option,excluded\r\n"
                        + "2026-01-01T10:00:00Z,1,\"" + poll.getOptions().get(0).getLabel() + "\",false\r\n"
                        + "2026-01-01T10:05:00Z,1,\"" + poll.getOptions().get(1).getLabel() + "\",false\r\n");

        jdbc.sql("update vote_question set results_shown = 'AFTER_CLOSE' where id = ?")
                .param(poll.getId())
                .update();
        data.publishedReview(); // any content change drops the polls kept in memory
        mvc.perform(get("/polls/" + poll.getId() + "/votes.csv")).andExpect(status().isForbidden());
        Article draft = data.draft();
        VoteQuestion hidden = data.pollFor(draft);
        mvc.perform(get("/polls/" + hidden.getId() + "/votes.csv")).andExpect(status().isNotFound());
    }

    // --- helpers ---------------------------------------------------------------------------

    /** Uploads a file as an administrator and follows the import's page until its preview is done. */
    private Document upload(String name, byte[] bytes, RequestPostProcessor admin) throws Exception {
        String job = mvc.perform(multipart("/admin/transfer/import")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", bytes))
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return settled(job, admin).page;
    }

    private Document refusedUpload(String name, byte[] bytes) throws Exception {
        RequestPostProcessor admin = accounts.signedIn(Role.ADMIN);
        String job = mvc.perform(multipart("/admin/transfer/import")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", bytes))
                        .with(admin)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        Settled settled = settled(job, admin);
        assertThat(settled.status).as(settled.page.select("main").text()).isEqualTo(422);
        assertThat(settled.page.select("h2").eachText()).contains("Refused: nothing was imported");
        return settled.page;
    }

    private Document confirm(Document preview, RequestPostProcessor admin) throws Exception {
        String action = preview.selectFirst("form[action$=/import]").attr("action");
        mvc.perform(post(action).with(admin).with(csrf())).andExpect(status().is3xxRedirection());
        return settled(action.substring(0, action.length() - "/import".length()), admin).page;
    }

    private record Settled(int status, Document page) {}

    private Settled settled(String job, RequestPostProcessor admin) throws Exception {
        for (int i = 0; i < 300; i++) {
            MockHttpServletResponse response =
                    mvc.perform(get(job).with(admin)).andReturn().getResponse();
            Document page = page(response);
            if (page.select(".import-progress").isEmpty()) {
                return new Settled(response.getStatus(), page);
            }
            assertThat(response.getHeader("Refresh")).isEqualTo("2");
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not finish within 30 s");
    }

    private long genres(String slug) {
        return jdbc.sql("select count(*) from genre where slug = ?")
                .param(slug)
                .query(Long.class)
                .single();
    }

    private long reviews(String slug) {
        return jdbc.sql("select count(*) from article where slug = ?")
                .param(slug)
                .query(Long.class)
                .single();
    }
}
