package com.bestever.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.poll.VoteQuestion;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import java.beans.PropertyDescriptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * The whole surface, with hostile input. Every route Spring MVC knows (read from its
 * {@link RequestMappingHandlerMapping}: a new route is covered without touching this test), plus
 * the sign-in form, is sent generated hostile values in each of its path variables, request
 * parameters and form fields (as the route's own page offers them, and as its form class declares
 * them), anonymously and signed in as each role, with CSRF. Every answer must be below 500 and show
 * no stack trace; a refused write must change no row (every table's count and checksum, before and
 * after); an accepted text must come back exactly as sent (in NFC) on the page that shows it, never
 * evaluated. The values are drawn with a fixed seed ({@code -Dsurface.seed}); {@code
 * -Dsurface.tries=N} tries N values per field and role (default 4). A failure lists the smallest
 * failing input of each route and field; the coverage (routes × fields × values, and the answers'
 * status classes) is printed either way.
 */
@SiteTest
class HostileInputTests {

    private static final long SEED = Long.getLong("surface.seed", 20261206L);
    private static final int TRIES = Integer.getInteger("surface.tries", 4);

    /** A value sent as is in the query string (not escaped again): malformed and non-UTF-8 escapes. */
    private static final String RAW = "raw:";

    static final List<String> TEXT = List.of(
            "a\u0000b",
            "\u0000",
            "x\u0001y",
            "\u001b[31mred",
            "\u007f",
            "lone \uD800 high",
            "lone \uDC00 low",
            "\uFFFE",
            "\uFFFF",
            "x".repeat(100_000),
            "é".repeat(1000),
            "../../../etc/passwd",
            "..%2f..%2fetc",
            "%2e%2e%2f",
            "' OR '1'='1",
            "\"; drop table article; --",
            "1; select pg_sleep(5)",
            "%_\\!",
            "${7*7}",
            "__${7*7}__",
            "[[${7*7}]]",
            "[(${7*7})]",
            "*{7*7}",
            "#{7*7}",
            "@{/admin}",
            "~{fragments/layout}",
            "__${T(java.lang.Runtime).getRuntime().exec('id')}__::x",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "Truffaut\u0301 e\u0301",
            "🎬 \u202Eevil \u200B\u00A0",
            "",
            " ",
            "\t\r\n");

    static final List<String> NUMBERS = List.of(
            "-1",
            "0",
            "99999999999999999999",
            "9223372036854775807",
            "-9223372036854775808",
            "2147483648",
            "1e309",
            "NaN",
            "0x10",
            "1.5",
            " 1",
            "١٢",
            "true");

    static final List<String> DATES = List.of(
            "0000-01-01",
            "+999999999-12-31",
            "0000-01-01T00:00",
            "-999999999-01-01T00:00",
            "+999999999-12-31T23:59",
            "2026-02-30T00:00",
            "9999-12-31T23:59",
            "1500-01-01T00:00",
            "2026-01-01T25:61");

    static final List<String> ESCAPES = List.of(
            RAW + "a%00b",
            RAW + "%C0%AE%C0%AE%2F",
            RAW + "%ED%A0%80",
            RAW + "%FF",
            RAW + "%E2%82",
            RAW + "%zz",
            RAW + "%",
            RAW + "%EF%BF%BF",
            RAW + "%1b");

    static final List<String> CORPUS = concat(TEXT, NUMBERS, DATES, ESCAPES);

    /**
     * Tables a refused request may legitimately write to: failed sign-ins and throttled votes are
     * counted by design, and the site's secrets (the voter key) are made once, at their first use.
     */
    private static final Set<String> UNCHECKED_TABLES =
            Set.of("flyway_schema_history", "sign_in_attempt", "vote_throttle", "site_secret", "poll_secret");

    /** What an answer must never show: an exception's class name, a stack frame, the server's name and version. */
    private static final java.util.regex.Pattern LEAK = java.util.regex.Pattern.compile(
            // A qualified class name starts after no other name character (linear on long bodies).
            "(?<![A-Za-z0-9_.$])[a-z]++(?:\\.[a-z0-9_]++)++\\.[A-Z][\\w$]*+(?<=Exception|Error)\\b"
                    + "|\\bat [a-z]++(?:\\.[a-z0-9_]++)++\\.[A-Z][\\w$]*+\\.[\\w$<>]++\\("
                    + "|Apache Tomcat|Whitelabel Error Page|SQLState|Spring Boot v?\\d");

    @Autowired
    MockMvc mvc;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    private final Map<String, int[]> statusClasses = new TreeMap<>();
    private final Map<String, Failure> failures = new TreeMap<>();
    private int sent;
    private int checkedRoundTrips;
    private int checkedListRows;
    private int checkedRefusals;

    record Route(HttpMethod method, String pattern, Set<String> pathVariables, Set<String> parameters) {
        String name() {
            return method + " " + pattern;
        }
    }

    record Failure(String route, String who, String field, String value, int status, String why) {
        String shown() {
            String value = this.value.length() > 60
                    ? this.value.substring(0, 30) + "…(" + this.value.length() + " chars)"
                    : this.value;
            return route + " as " + who + ", " + field + " = " + escape(value) + " → " + status + ": " + why;
        }
    }

    @Test
    void noInputAnywhereGetsA5xxAndARefusedWriteChangesNothing() throws Exception {
        long started = System.nanoTime();
        List<Route> routes = routes();
        List<String> who = List.of("anonymous", "WRITER", "EDITOR", "ADMIN");
        Random random = new Random(SEED);
        int fields = 0;
        for (Route route : routes) {
            Fixture fixture = new Fixture(route.pattern());
            Map<String, String> baseline = baseline(route, fixture);
            stale = false;
            Set<String> allFields = new LinkedHashSet<>(route.pathVariables());
            allFields.addAll(baseline.keySet());
            allFields.addAll(route.parameters());
            allFields.remove("_csrf");
            fields += allFields.size();
            for (String role : who) {
                boolean full = role.equals("ADMIN")
                        || (role.equals("anonymous") && !route.pattern().startsWith("/admin"));
                int tries = full ? TRIES : Math.max(1, TRIES / 4);
                List<String> shuffled = new ArrayList<>(CORPUS);
                java.util.Collections.shuffle(shuffled, random);
                int next = 0;
                for (String field : allFields) {
                    for (int i = 0; i < tries; i++) {
                        String value = shuffled.get(next++ % shuffled.size());
                        if (stale) {
                            stale = false;
                            baseline = baseline(route, fixture);
                        }
                        send(route, role, fixture, baseline, field, value, false);
                    }
                }
                if (full) {
                    for (String field : allFields) {
                        if (!route.pathVariables().contains(field)) {
                            send(route, role, fixture, baseline, field, null, false); // missing
                            send(route, role, fixture, baseline, field, "${7*7}", true); // duplicated
                        }
                    }
                    for (Oddity oddity : Oddity.values()) {
                        sendOdd(route, role, fixture, baseline, oddity);
                    }
                }
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf(
                "Hostile input: %d routes × %d fields × %d values (seed %d, %d tries a field), %d requests in %d s;"
                        + " %d refused writes checked unchanged, %d accepted texts checked round-trip in their form"
                        + " and %d in their list row%n",
                routes.size(),
                fields,
                CORPUS.size(),
                SEED,
                TRIES,
                sent,
                seconds,
                checkedRefusals,
                checkedRoundTrips,
                checkedListRows);
        System.out.printf("  (checksums took %d s)%n", TimeUnit.NANOSECONDS.toSeconds(checksumNanos));
        statusClasses.forEach((route, classes) -> System.out.printf(
                "  %-55s 2xx %4d  3xx %4d  4xx %4d  5xx %4d%n", route, classes[2], classes[3], classes[4], classes[5]));
        assertThat(failures.values().stream().map(Failure::shown).toList())
                .as("the smallest failing input of each route and field")
                .isEmpty();
    }

    enum Oddity {
        JSON_BODY,
        TEXT_BODY,
        MULTIPART,
        EMPTY_BODY,
        OVERSIZED_BODY,
        ACCEPT_JSON,
        ACCEPT_ODD
    }

    /** The routes: every handler method of Spring MVC, and the sign-in form that Spring Security reads. */
    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("com.bestever")) {
                continue;
            }
            Set<String> pathVariables = new LinkedHashSet<>();
            Set<String> parameters = new LinkedHashSet<>();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (path != null) {
                    pathVariables.add(name(path.name(), path.value(), parameter));
                } else if (param != null) {
                    parameters.add(name(param.name(), param.value(), parameter));
                } else if (isForm(parameter)) {
                    parameters.addAll(formFields(parameter.getParameterType(), ""));
                }
            }
            info.getParamsCondition().getExpressions().forEach(e -> parameters.add(e.getName()));
            Set<HttpMethod> methods = info.getMethodsCondition().getMethods().stream()
                    .map(m -> HttpMethod.valueOf(m.name()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (methods.isEmpty()) {
                methods.add(HttpMethod.GET);
            }
            for (String pattern : info.getPatternValues()) {
                for (HttpMethod method : methods) {
                    routes.add(new Route(method, pattern, pathVariables, parameters));
                }
            }
        }
        routes.add(new Route(HttpMethod.POST, "/login", Set.of(), Set.of("username", "password")));
        routes.sort(Comparator.comparing(Route::name));
        return routes;
    }

    private static String name(String name, String value, MethodParameter parameter) {
        return !name.isEmpty() ? name : !value.isEmpty() ? value : parameter.getParameterName();
    }

    private static boolean isForm(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return (parameter.hasParameterAnnotation(ModelAttribute.class)
                        || type.getSimpleName().endsWith("Form"))
                && !parameter.hasParameterAnnotation(AuthenticationPrincipal.class)
                && !BeanUtils.isSimpleProperty(type);
    }

    /** The fields a form class binds, lists as their first row ("recommendations[0].text"). */
    private static List<String> formFields(Class<?> type, String prefix) {
        List<String> fields = new ArrayList<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getWriteMethod() == null) {
                continue;
            }
            Class<?> propertyType = property.getPropertyType();
            String name = prefix + property.getName();
            if (Collection.class.isAssignableFrom(propertyType)) {
                Class<?> element = ResolvableType.forMethodParameter(property.getWriteMethod(), 0)
                        .asCollection()
                        .resolveGeneric(0);
                if (element == null || BeanUtils.isSimpleValueType(element)) {
                    fields.add(name + "[0]");
                } else {
                    fields.addAll(formFields(element, name + "[0]."));
                }
            } else if (BeanUtils.isSimpleValueType(propertyType)) {
                fields.add(name);
            }
        }
        return fields;
    }

    /** Fresh content for one route, so that what an earlier route deleted or changed does not matter. */
    private final class Fixture {
        final Article review;
        final VoteQuestion poll;
        private final String pattern;
        private Long accountId;

        Fixture(String pattern) {
            lastChecksums = null;
            this.pattern = pattern;
            this.review = data.publishedReview();
            this.poll = data.pollFor(review);
        }

        /** A valid value for a path variable, by the route's prefix. */
        String valid(String variable) {
            String p = pattern;
            if (variable.equals("slug")) {
                if (p.startsWith("/films")) return review.getFilm().getSlug();
                if (p.startsWith("/authors")) return review.getAuthor().getSlug();
                if (p.startsWith("/genres") || p.startsWith("/best-ever"))
                    return review.getGenre().getSlug();
                return review.getSlug();
            }
            if (variable.equals("id")) {
                if (p.startsWith("/polls")) return poll.getId().toString();
                if (p.startsWith("/admin/films"))
                    return review.getFilm().getId().toString();
                if (p.startsWith("/admin/authors"))
                    return review.getAuthor().getId().toString();
                if (p.startsWith("/admin/genres"))
                    return review.getGenre().getId().toString();
                if (p.startsWith("/admin/accounts")) {
                    if (accountId == null) {
                        lastChecksums = null;
                        accountId = accounts.account(Role.WRITER).getId();
                    }
                    return accountId.toString();
                }
                return review.getId().toString();
            }
            return "1";
        }
    }

    private static final Map<String, RequestPostProcessor> SIGN_INS = new LinkedHashMap<>();

    private RequestPostProcessor as(String role) {
        if (role.equals("anonymous")) {
            return csrf();
        }
        RequestPostProcessor signedIn =
                SIGN_INS.computeIfAbsent(role, r -> accounts.signedIn("surface-" + r.toLowerCase(), Role.valueOf(r)));
        return request -> csrf().postProcessRequest(signedIn.postProcessRequest(request));
    }

    private String path(Route route, Fixture fixture, String field, String value) {
        String path = route.pattern();
        for (String variable : route.pathVariables()) {
            String replacement = variable.equals(field) ? pathSegment(value) : fixture.valid(variable);
            path = path.replace("{" + variable + "}", replacement);
        }
        return path;
    }

    private static String pathSegment(String value) {
        return value.startsWith(RAW)
                ? value.substring(RAW.length())
                : UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    /** The fields the route's own page offers (its form whose action is this path), as they are filled in. */
    private Map<String, String> baseline(Route route, Fixture fixture) throws Exception {
        lastChecksums = null;
        Map<String, String> fields = new LinkedHashMap<>();
        if (route.method() != HttpMethod.POST) {
            return fields;
        }
        if (route.pattern().equals("/polls/{id}/votes")) {
            fields.put("choice", fixture.poll.getOptions().get(0).getId().toString());
            return fields;
        }
        String path = path(route, fixture, "", "");
        for (String page : List.of(path, path.substring(0, Math.max(1, path.lastIndexOf('/'))))) {
            MvcResult shown = mvc.perform(
                            request(HttpMethod.GET, URI.create(page)).with(as("ADMIN")))
                    .andReturn();
            if (shown.getResponse().getStatus() != 200) {
                continue;
            }
            Document document = Jsoup.parse(shown.getResponse().getContentAsString(StandardCharsets.UTF_8));
            for (Element form : document.select("form[method=post]")) {
                String action = form.attr("action");
                if (action.equals(path) || (action.isEmpty() && page.equals(path))) {
                    form.select("input[name], textarea[name], select[name]").forEach(input -> {
                        String name = input.attr("name");
                        if (input.attr("type").equals("submit") || fields.containsKey(name)) {
                            return;
                        }
                        if ((input.attr("type").equals("checkbox")
                                        || input.attr("type").equals("radio"))
                                && !input.hasAttr("checked")) {
                            return;
                        }
                        fields.put(name, value(input));
                    });
                    return fields;
                }
            }
        }
        return fields;
    }

    private static String value(Element input) {
        if (input.tagName().equals("textarea")) {
            return input.wholeText().replaceFirst("^\n", "");
        }
        if (input.tagName().equals("select")) {
            Element selected = input.selectFirst("option[selected]");
            return selected == null ? "" : selected.val();
        }
        return input.val();
    }

    private void send(
            Route route,
            String role,
            Fixture fixture,
            Map<String, String> baseline,
            String field,
            String value,
            boolean duplicated)
            throws Exception {
        boolean inPath = route.pathVariables().contains(field);
        if (inPath
                && value != null
                && value.startsWith(RAW)
                && value.contains("%")
                && !value.matches(RAW + "(%[0-9A-Fa-f]{2})+|.*[^%].*")) {
            return;
        }
        String path;
        try {
            path = inPath ? path(route, fixture, field, value) : path(route, fixture, "", "");
            URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return; // no client can send it as a path: refused by the HTTP parser before the site
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        baseline.forEach((name, v) ->
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(v));
        String rawQuery = null;
        String sentValue = value;
        if (!inPath) {
            if (value == null) {
                parameters.remove(field);
            } else if (value.startsWith(RAW)) {
                rawQuery = encode(field) + "=" + value.substring(RAW.length());
                sentValue = TextRuleDecoding.lenient(value.substring(RAW.length()));
                parameters.remove(field);
                parameters.computeIfAbsent(field, n -> new ArrayList<>()).add(sentValue);
            } else if (duplicated) {
                parameters.computeIfAbsent(field, n -> new ArrayList<>()).add(value);
            } else {
                parameters.put(field, new ArrayList<>(List.of(value)));
            }
        }
        boolean inQuery = route.method() == HttpMethod.GET || rawQuery != null;
        MockHttpServletRequestBuilder request = request(route.method(), URI.create(path));
        parameters.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
        if (route.method() == HttpMethod.POST) {
            request.contentType(MediaType.APPLICATION_FORM_URLENCODED);
        }
        String query = rawQuery;
        if (route.method() == HttpMethod.GET && query == null) {
            query = parameters.entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                    .collect(Collectors.joining("&"));
        }
        String finalQuery = query;
        request.with(request2 -> {
            if (finalQuery != null && !finalQuery.isEmpty()) {
                request2.setQueryString(finalQuery);
            }
            return request2;
        });
        if (route.pattern().startsWith("/polls")) {
            request.header("Origin", "http://localhost");
        }
        request.with(as(role));
        exchange(
                route,
                role,
                field,
                value == null ? "(missing)" : duplicated ? "(twice) " + value : value,
                request,
                textToCheck(route, field, sentValue, inPath || inQuery || value == null || duplicated));
    }

    /** The text an accepted write must show back, or null when this exchange does not check one. */
    private static String textToCheck(Route route, String field, String value, boolean skip) {
        if (skip
                || route.method() != HttpMethod.POST
                || value == null
                || value.isBlank() // a blank field means "make one" (a slug, the default question)
                || field.startsWith("poll") // the poll's words are fixed once it has opened
                || field.contains("[") // list rows are compacted and re-numbered on save
                || !TextRuleDecoding.acceptable(value)) {
            return null;
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    private void sendOdd(Route route, String role, Fixture fixture, Map<String, String> baseline, Oddity oddity)
            throws Exception {
        String path = path(route, fixture, "", "");
        MockHttpServletRequestBuilder request = request(route.method(), URI.create(path));
        String form = baseline.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        switch (oddity) {
            case JSON_BODY ->
                request.contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"${7*7}\",\"a\":[1,{}]}");
            case TEXT_BODY -> request.contentType(MediaType.TEXT_PLAIN).content(form);
            case MULTIPART ->
                request.contentType("multipart/form-data; boundary=x").content("--x\r\nbroken");
            case EMPTY_BODY ->
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(new byte[0]);
            case OVERSIZED_BODY ->
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(("x=" + "y".repeat(5 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII));
            case ACCEPT_JSON -> request.accept(MediaType.APPLICATION_JSON);
            case ACCEPT_ODD -> request.header("Accept", "application/x-nonsense;q=2, */*;q=abc");
        }
        if (route.pattern().startsWith("/polls")) {
            request.header("Origin", "http://localhost");
        }
        request.with(as(role));
        exchange(route, role, "(request)", oddity.name().toLowerCase(), request, null);
    }

    private void exchange(
            Route route,
            String role,
            String field,
            String value,
            MockHttpServletRequestBuilder request,
            String expectedText)
            throws Exception {
        boolean write = route.method() != HttpMethod.GET;
        Map<String, String> before = write ? (lastChecksums != null ? lastChecksums : checksums(route)) : null;
        lastChecksums = null;
        MvcResult result;
        int status;
        String body;
        try {
            result = answered(mvc.perform(request).andReturn());
            status = result.getResponse().getStatus();
            body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception | AssertionError thrown) {
            // An exception no handler answered: the container would send a 500.
            fail(
                    route,
                    role,
                    field,
                    value,
                    500,
                    "unhandled " + thrown.getClass().getSimpleName());
            return;
        }
        sent++;
        statusClasses.computeIfAbsent(route.name(), r -> new int[6])[Math.min(5, status / 100)]++;
        if (status >= 500) {
            fail(route, role, field, value, status, "a 5xx");
            return;
        }
        java.util.regex.Matcher leak = LEAK.matcher(body);
        if (leak.find()) {
            fail(route, role, field, value, status, "the body shows “" + leak.group() + "”");
            return;
        }
        if (write && (status >= 400 || status == 200)) {
            checkedRefusals++;
            Map<String, String> after = checksums(route);
            lastChecksums = after;
            if (!after.equals(before)) {
                Set<String> changed = new LinkedHashSet<>();
                after.forEach((table, sum) -> {
                    if (!sum.equals(before.get(table))) changed.add(table);
                });
                fail(route, role, field, value, status, "a refused write changed " + changed);
            }
        } else if (write && status / 100 == 3) {
            stale = true;
        }
        if (write && status / 100 == 3 && expectedText != null) {
            String location = result.getResponse().getRedirectedUrl();
            if (location != null && location.startsWith("/admin/")) {
                MvcResult shown = mvc.perform(request(HttpMethod.GET, URI.create(location.replaceAll("\\?.*", "")))
                                .with(as(role)))
                        .andReturn();
                Document page = Jsoup.parse(shown.getResponse().getContentAsString(StandardCharsets.UTF_8));
                Element input = page.selectFirst("[name=\"" + field + "\"]");
                if (input != null
                        && !input.tagName().equals("select")
                        && !input.attr("type").matches("password|checkbox|radio|hidden")) {
                    checkedRoundTrips++;
                    String shownValue = value(input);
                    if (!shownValue.equals(expectedText) && !shownValue.equals(expectedText.strip())) {
                        fail(
                                route,
                                role,
                                field,
                                value,
                                status,
                                "accepted, but shown back as "
                                        + escape(
                                                shownValue.length() > 80
                                                        ? shownValue.substring(0, 80) + "…"
                                                        : shownValue));
                    }
                }
                if (LISTED.contains(field)) {
                    checkListRow(route, role, field, value, status, location.replaceAll("\\?.*", ""), expectedText);
                }
            }
        }
    }

    /** The fields a newsroom list shows in each row: a review's or film's title, a name, an account's name. */
    private static final Set<String> LISTED = Set.of("title", "name", "displayName");

    private static final java.util.regex.Pattern SECTION = java.util.regex.Pattern.compile("^(/admin/[a-z-]+)/\\d+");

    /**
     * The saved thing's row in its section's list ({@code /admin/films} for {@code /admin/films/7/edit},
     * the row that links there, through the list's pages) shows the accepted text exactly.
     */
    private void checkListRow(
            Route route, String role, String field, String value, int status, String link, String expectedText)
            throws Exception {
        java.util.regex.Matcher section = SECTION.matcher(link);
        if (!section.find()) {
            return;
        }
        for (int number = 1; number <= 50; number++) {
            MvcResult listed = mvc.perform(request(HttpMethod.GET, URI.create(section.group(1) + "?page=" + number))
                            .with(as(role)))
                    .andReturn();
            if (listed.getResponse().getStatus() != 200) {
                break;
            }
            Document list = Jsoup.parse(listed.getResponse().getContentAsString(StandardCharsets.UTF_8));
            Element linkToIt = list.selectFirst("tr a[href=\"" + link + "\"]");
            if (linkToIt != null) {
                checkedListRows++;
                String row = linkToIt.closest("tr").wholeText();
                if (!row.contains(expectedText.strip())) {
                    fail(
                            route,
                            role,
                            field,
                            value,
                            status,
                            "accepted, but its row in " + section.group(1) + " shows "
                                    + escape(
                                            row.strip().length() > 120
                                                    ? row.strip().substring(0, 120) + "…"
                                                    : row.strip()));
                }
                return;
            }
            if (list.selectFirst("a[rel=next]") == null) {
                break;
            }
        }
        fail(route, role, field, value, status, "accepted, but no row of " + section.group(1) + " links to " + link);
    }

    /** The final answer: MockMvc returns when a request goes asynchronous (a vote waits for its commit). */
    private MvcResult answered(MvcResult sent) throws Exception {
        if (!sent.getRequest().isAsyncStarted()) {
            return sent;
        }
        WebAsyncManager spring = WebAsyncUtils.getAsyncManager(sent.getRequest());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.getRequest().isAsyncStarted() && !spring.hasConcurrentResult()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not answered within 10 seconds");
            }
            Thread.sleep(1);
        }
        return spring.hasConcurrentResult() ? mvc.perform(asyncDispatch(sent)).andReturn() : sent;
    }

    private void fail(Route route, String role, String field, String value, int status, String why) {
        String key = route.name() + " " + field;
        Failure failure = new Failure(route.name(), role, field, value, status, why);
        Failure known = failures.get(key);
        if (known == null || value.length() < known.value().length()) {
            failures.put(key, failure);
        }
    }

    private List<String> tables;

    /** The checksums after the last checked refusal: nothing has changed since, so they are the next "before". */
    private Map<String, String> lastChecksums;

    /** Set after an accepted write: the route's page is read again (a new version) before the next value. */
    private boolean stale;

    /** Each table's row count and checksum of its rows, as text. */
    private long checksumNanos;

    private Map<String, String> checksums(Route route) {
        long start = System.nanoTime();
        try {
            return checksumsNow();
        } finally {
            checksumNanos += System.nanoTime() - start;
        }
    }

    private Map<String, String> checksumsNow() {
        if (tables == null) {
            tables = jdbc
                    .sql("select table_name from information_schema.tables"
                            + " where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")
                    .query(String.class)
                    .list()
                    .stream()
                    .filter(t -> !UNCHECKED_TABLES.contains(t))
                    .toList();
        }
        String sql = tables.stream()
                .map(t -> "select '" + t
                        + "' as t, count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as s from \""
                        + t + "\" x")
                .collect(Collectors.joining(" union all "));
        Map<String, String> sums = new TreeMap<>();
        jdbc.sql(sql)
                .query((rs, n) -> sums.put(rs.getString(1), rs.getString(2)))
                .list();
        return sums;
    }

    private static String encode(String text) {
        return UriUtils.encodeQueryParam(text, StandardCharsets.UTF_8)
                .replace("+", "%2B")
                .replace("&", "%26")
                .replace("=", "%3D");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c < 0x20
                    || (c >= 0x7f && c < 0xa0)
                    || (c >= 0xD800 && c <= 0xDFFF)
                    || c >= 0xFFFE && c <= 0xFFFF
                    || c == 0x202E
                    || c == 0x200B) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) all.addAll(list);
        return List.copyOf(all);
    }
}
