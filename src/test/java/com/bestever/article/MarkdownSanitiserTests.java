package com.bestever.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The body's Markdown becomes HTML from an allow-list: no payload from this list gets anything live through. */
class MarkdownSanitiserTests {

    static final List<String> XSS_PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"https://example.com/a.png\" onload=\"alert(1)\">",
            "<IMG SRC=\"javascript:alert('XSS');\">",
            "<IMG SRC=JaVaScRiPt:alert('XSS')>",
            "<img src=\"jav&#x09;ascript:alert(1)\">",
            "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
            "<a href=\"jav&#x0A;ascript:alert(1)\">newline</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">decimal</a>",
            "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">hex</a>",
            "<a href=\" javascript:alert(1)\">leading space</a>",
            "<a href=\"vbscript:msgbox(1)\">vb</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
            "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"https://evil.example/x.swf\">",
            "<style>body{background:url('javascript:alert(1)')}</style>",
            "<p style=\"background:url(javascript:alert(1))\">styled</p>",
            "<div onmouseover=\"alert(1)\">hover</div>",
            "<body onload=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<form action=\"javascript:alert(1)\"><button>go</button></form>",
            "<input autofocus onfocus=alert(1)>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
            "<a href=\"https://example.com\" onclick=\"alert(1)\">click</a>",
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](jav&#x09;ascript:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](data:text/html,<script>alert(1)</script>)",
            "[x](vbscript:msgbox(1))",
            "![x](javascript:alert(1))",
            "![x](data:image/png;base64,iVBORw0KGgo=)",
            "<javascript:alert(1)>",
            "<vbscript:msgbox(1)>",
            "[x]: javascript:alert(1)\n\n[click][x]",
            "<a href='javascript:alert(1)'>single quotes</a>",
            "<a href=javascript&colon;alert(1)>colon entity</a>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<template><script>alert(1)</script></template>",
            "<textarea><script>alert(1)</script></textarea>",
            "<video><source onerror=\"alert(1)\"></video>",
            "<audio src=x onerror=alert(1)>",
            "<marquee onstart=alert(1)>",
            "<a href=\"#\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</a>",
            "<img src=\"https://example.com/a.png\" srcset=\"javascript:alert(1) 1x\">",
            "<a href=\"https://example.com\" formaction=\"javascript:alert(1)\">x</a>",
            "<h1 id=\"main\">Steal the page heading and an id</h1>",
            "<a href=\"//evil.example/%0a%0djavascript:alert(1)\">x</a>",
            "`<script>alert(1)</script>` and\n\n    <script>alert(2)</script>",
            "<xss onafterscriptexecute=alert(1)><script>1</script>");

    private static final Set<String> ALLOWED_ELEMENTS = Set.of(
            "p",
            "br",
            "hr",
            "em",
            "strong",
            "b",
            "i",
            "s",
            "sub",
            "sup",
            "small",
            "mark",
            "blockquote",
            "q",
            "cite",
            "code",
            "pre",
            "kbd",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "a",
            "img",
            "figure",
            "figcaption",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite");
    private static final Pattern SAFE_URL =
            Pattern.compile("^(https?://|mailto:|/|#|[a-z0-9._~-]+(/|$|\\?|#)).*", Pattern.CASE_INSENSITIVE);

    final Markdown markdown = new Markdown();

    @ParameterizedTest
    @FieldSource("XSS_PAYLOADS")
    void lets_nothing_live_through(String payload) {
        String html = markdown.toSafeHtml("Before.\n\n" + payload + "\n\nAfter.");
        Document page = Jsoup.parseBodyFragment(html);
        for (Element element : page.body().getAllElements()) {
            if (element == page.body()) {
                continue;
            }
            assertThat(ALLOWED_ELEMENTS)
                    .as("element <%s> in %s", element.tagName(), html)
                    .contains(element.tagName());
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertThat(name)
                        .as("attribute %s in %s", name, html)
                        .doesNotStartWith("on")
                        .isNotIn("style", "id", "class", "srcset", "formaction");
                if (URL_ATTRIBUTES.contains(name)) {
                    String url = attribute.getValue().strip();
                    assertThat(url).as("URL in %s", html).matches(SAFE_URL);
                    assertThat(url.toLowerCase(Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", ""))
                            .doesNotStartWith("javascript:")
                            .doesNotStartWith("vbscript:")
                            .doesNotStartWith("data:");
                }
            }
        }
        assertThat(page.select("script, style, iframe, object, embed, svg, math, form, input, meta, base, link"))
                .as(html)
                .isEmpty();
        // (An unclosed <style> or <script> swallows what follows it: removed with it, never run.)
        assertThat(page.body().text()).contains("Before.");
    }

    @Test
    void hasAtLeastThirtyPayloads() {
        assertThat(XSS_PAYLOADS).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void keepsWhatAnEditorWrites() {
        String html = markdown.toSafeHtml("""
                The *final* shot is **famous**. See [the film](https://example.com/400-blows "Criterion") and [its page](/films/the-400-blows).

                ## A subheading

                > A quotation.

                - one
                - two
                """);
        Document page = Jsoup.parseBodyFragment(html);
        assertThat(page.select("p em").text()).isEqualTo("final");
        assertThat(page.select("p strong").text()).isEqualTo("famous");
        assertThat(page.select("a[href=https://example.com/400-blows]").attr("title"))
                .isEqualTo("Criterion");
        assertThat(page.select("a[href=/films/the-400-blows]")).hasSize(1);
        assertThat(page.select("h2").text()).isEqualTo("A subheading");
        assertThat(page.select("blockquote p").text()).isEqualTo("A quotation.");
        assertThat(page.select("ul li")).hasSize(2);
    }

    @Test
    void turnsATopLevelHeadingIntoASubheadingSoThePageKeepsOneTitle() {
        Document page = Jsoup.parseBodyFragment(markdown.toSafeHtml("# Not the title\n\nText."));
        assertThat(page.select("h1")).isEmpty();
        assertThat(page.select("h2").text()).isEqualTo("Not the title");
    }

    @Test
    void showsScriptTagsTheEditorTypedInCodeAsText() {
        Document page = Jsoup.parseBodyFragment(markdown.toSafeHtml("Use `<script>` with care."));
        assertThat(page.select("code").text()).isEqualTo("<script>");
        assertThat(page.select("script")).isEmpty();
    }
}
