package com.bestever.admin;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.seo.NuHtmlChecker;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/** The administrator's audit page: filters, keyset pages newest first, 400 for bad filters, and the CSV. */
@SiteTest
class AuditPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    /** Entries by a person of their own: {@code n} film changes an hour apart from {@code start}, every third pair at one instant. */
    private String person(int n, Instant start) {
        String person = TestData.unique("audited");
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < n; i++) {
                // Two entries share each even hour: the page must order and split them by id.
                Instant at = start.plusSeconds(3600L * (i / 2 * 2));
                jdbc.sql("""
                                insert into audit_entry (at, actor, address, kind, subject_type, subject_id, subject_title, summary)
                                values (?, ?, '203.0.113.5', ?, 'film', ?, ?, ?)
                                """)
                        .params(
                                Timestamp.from(at),
                                person,
                                i % 10 == 0 ? "film.deleted" : "film.changed",
                                i,
                                "Film " + i,
                                "entry " + i)
                        .update();
            }
        });
        return person;
    }

    private Document audit(String query, RequestPostProcessor who) throws Exception {
        return page(mvc.perform(get("/admin/audit" + query).with(who)).andExpect(status().isOk()));
    }

    private static List<String> summaries(Document page) {
        return page.select("table.audit-entries tbody tr .audit-summary").eachText();
    }

    @Test
    void anAdministratorPagesThroughAPersonsEntriesNewestFirstByKeyset() throws Exception {
        String person = person(120, Instant.parse("2026-01-01T00:00:00Z"));
        RequestPostProcessor admin = testAccounts.signedIn(Role.ADMIN);
        List<String> seen = new ArrayList<>();
        Document page = audit("?person=" + person.toUpperCase(), admin);
        int pages = 1;
        while (true) {
            List<String> rows = summaries(page);
            assertThat(rows.size()).isLessThanOrEqualTo(AuditEntries.PAGE);
            seen.addAll(rows);
            assertThat(page.select("table.audit-entries .audit-actor").eachText())
                    .containsOnly(person);
            Element older = page.selectFirst("a.audit-older");
            if (older == null) {
                break;
            }
            assertThat(older.attr("href")).contains("person=").contains("before=");
            page = audit(older.attr("href").substring("/admin/audit".length()), admin);
            pages++;
            assertThat(page.selectFirst("a.audit-newest")).isNotNull();
        }
        assertThat(pages).isEqualTo(3);
        List<String> expected = new ArrayList<>();
        for (int i = 119; i >= 0; i--) {
            expected.add("entry " + i);
        }
        // Newest first; of two entries at one instant, the later written (higher id) first.
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void filtersByKindAndByDaysIncludingTheLastDay() throws Exception {
        String person = person(40, Instant.parse("2025-03-01T00:00:00Z")); // 2025-03-01 00:00 to 03-02 14:00
        RequestPostProcessor admin = testAccounts.signedIn(Role.ADMIN);
        Document deleted = audit("?person=" + person + "&kind=film.deleted", admin);
        assertThat(summaries(deleted)).containsExactly("entry 30", "entry 20", "entry 10", "entry 0");
        assertThat(deleted.select("table.audit-entries .audit-kind").eachText()).containsOnly("Film deleted");
        assertThat(deleted.selectFirst("#filter-kind option[selected]").val()).isEqualTo("film.deleted");

        Document firstDay = audit("?person=" + person + "&from=2025-03-01&to=2025-03-01", admin);
        assertThat(summaries(firstDay)).hasSize(24).first().isEqualTo("entry 23");
        Document secondDay = audit("?person=" + person + "&from=2025-03-02", admin);
        assertThat(summaries(secondDay)).hasSize(16).last().isEqualTo("entry 24");
        assertThat(summaries(audit("?person=" + person + "&to=2025-02-28", admin)))
                .isEmpty();
        assertThat(audit("?person=" + person + "&to=2025-02-28", admin)
                        .selectFirst(".empty")
                        .text())
                .isEqualTo("No entries match.");
    }

    @Test
    void aFilterThePageCannotReadIsA400SayingWhy() throws Exception {
        RequestPostProcessor admin = testAccounts.signedIn(Role.ADMIN);
        String[][] bad = {
            {"?kind=film.burnt", "There is no kind of act “film.burnt”"},
            {"?from=yesterday", "“yesterday” is not a date for “from”"},
            {"?to=2025-02-30", "“2025-02-30” is not a date for “to”"},
            {"?from=2025-03-02&to=2025-03-01", "The range ends (2025-03-01) before it starts (2025-03-02)."},
            {"?before=not-a-cursor", "The “Older” link is damaged"},
            {"?before=2026-01-01T00:00:00Z~x", "The “Older” link is damaged"},
            {"?person=" + "x".repeat(101), "at most 100 characters"}
        };
        for (String[] query : bad) {
            Document page =
                    page(mvc.perform(get("/admin/audit" + query[0]).with(admin)).andExpect(status().isBadRequest()));
            assertThat(page.selectFirst(".problem").text()).as(query[0]).contains(query[1]);
            assertThat(page.selectFirst("form.admin-filter")).as(query[0]).isNotNull();
        }
        mvc.perform(get("/admin/audit.csv?kind=film.burnt").with(admin)).andExpect(status().isBadRequest());
    }

    @Test
    void thePageIsValidHtmlWithEntriesWithAnOlderLinkAndWithARefusal() throws Exception {
        String person = person(60, Instant.parse("2024-06-01T00:00:00Z"));
        RequestPostProcessor admin = testAccounts.signedIn(Role.ADMIN);
        for (String query : List.of("?person=" + person, "?kind=nope")) {
            String html = mvc.perform(get("/admin/audit" + query).with(admin))
                    .andReturn()
                    .getResponse()
                    .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(NuHtmlChecker.errorsIn(html)).as(query).isEmpty();
        }
    }

    @Test
    void onlyAdministratorsSeeTheLogAndTheirNewsroomLinksToIt() throws Exception {
        mvc.perform(get("/admin/audit").with(testAccounts.signedIn(Role.EDITOR)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/audit.csv").with(testAccounts.signedIn(Role.EDITOR)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/audit")).andExpect(status().isFound());
        Document editorHome = page(mvc.perform(get("/admin").with(testAccounts.signedIn(Role.EDITOR))));
        assertThat(editorHome.select("a[href=/admin/audit]")).isEmpty();
        Document adminHome = page(mvc.perform(get("/admin").with(testAccounts.signedIn(Role.ADMIN))));
        assertThat(adminHome.select("main a[href=/admin/audit]")).hasSize(1);
        assertThat(adminHome.select("nav a[href=/admin/audit]")).hasSize(1);
    }

    @Test
    void theCsvHoldsTheFilteredEntriesQuotedAndSafeInASpreadsheet() throws Exception {
        String person = TestData.unique("csv-person");
        transaction.executeWithoutResult(
                status -> jdbc.sql("""
                        insert into audit_entry (at, actor, address, kind, subject_type, subject_id, subject_title, summary)
                        values ('2026-02-01T10:00:00Z', ?, '2001:db8::1', 'review.saved', 'review', 7,
                                '=HYPERLINK("http://evil.example","click")', 'changed: title, body'),
                               ('2026-02-01T11:00:00Z', ?, '203.0.113.5', 'review.published', 'review', 7,
                                'Say "cheese", twice', E'-2+3\\nsecond line'),
                               ('2026-02-01T12:00:00Z', ?, null, 'film.changed', 'film', 8, '@SUM(A1)', '+1')
                        """).params(person, person, person).update());
        MockHttpServletResponse response = mvc.perform(get("/admin/audit.csv?person=" + person + "&kind=review.saved")
                        .with(testAccounts.signedIn(Role.ADMIN)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getHeader("Content-Disposition"))
                .contains("attachment")
                .contains(".csv");
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("at,actor,account_id,address,kind,what,subject_type,subject_id,subject_title,summary\r\n"
                        + "2026-02-01T10:00:00Z," + person + ",,2001:db8::1,review.saved,Review saved,review,7,"
                        + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",\"changed: title, body\"\r\n");

        String all = mvc.perform(get("/admin/audit.csv?person=" + person).with(testAccounts.signedIn(Role.ADMIN)))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(all.split("\r\n", -1))
                .containsExactly(
                        "at,actor,account_id,address,kind,what,subject_type,subject_id,subject_title,summary",
                        "2026-02-01T12:00:00Z," + person + ",,,film.changed,Film changed,film,8,'@SUM(A1),'+1",
                        "2026-02-01T11:00:00Z," + person
                                + ",,203.0.113.5,review.published,Review published,review,7,"
                                + "\"Say \"\"cheese\"\", twice\",\"'-2+3\nsecond line\"",
                        "2026-02-01T10:00:00Z," + person + ",,2001:db8::1,review.saved,Review saved,review,7,"
                                + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",\"changed: title, body\"",
                        "");
    }
}
