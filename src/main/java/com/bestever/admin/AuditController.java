package com.bestever.admin;

import com.bestever.system.BestEverProperties;
import com.bestever.system.Dates;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit log's page, for administrators ({@code /admin/audit}): filtered by person, kind and a
 * range of days (in the site's zone), newest first, fifty at a time ("Older" carries the last
 * entry's time and id), and the filtered entries as CSV ({@code /admin/audit.csv}). A filter it
 * cannot read answers 400 with the page and the reason.
 */
@Controller
class AuditController {

    static final String PATH = "/admin/audit";
    static final String CSV = "/admin/audit.csv";

    private final AuditEntries entries;
    private final ZoneId zone;

    AuditController(AuditEntries entries, BestEverProperties properties) {
        this.entries = entries;
        this.zone = properties.timeZone();
    }

    /** A filter the page cannot read: 400, with the reason above the form. */
    static final class BadFilter extends RuntimeException {

        BadFilter(String message) {
            super(message, null, false, false);
        }
    }

    /** The filter as typed (the request's parameters person, kind, from, to), for the form and the links. */
    record Typed(String person, String kind, String from, String to) {}

    @GetMapping(PATH)
    ModelAndView page(Typed typed, @RequestParam(required = false) String before) {
        AuditEntries.Filter filter = filter(typed);
        AuditEntries.Cursor after = cursor(before);
        AuditEntries.Page page = entries.page(filter, after, zone);
        ModelAndView view = form(typed);
        view.addObject("entries", page.entries());
        view.addObject("deep", after != null);
        view.addObject("newestUrl", link(PATH, typed, null));
        if (page.next() != null) {
            view.addObject("olderUrl", link(PATH, typed, page.next()));
        }
        return view;
    }

    @GetMapping(CSV)
    void csv(Typed typed, HttpServletResponse response) throws IOException {
        AuditEntries.Filter filter = filter(typed);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        entries.csv(filter, zone, out);
        out.flush();
    }

    @ExceptionHandler(BadFilter.class)
    ModelAndView refused(BadFilter bad, jakarta.servlet.http.HttpServletRequest request) {
        ModelAndView view = form(new Typed(
                request.getParameter("person"),
                request.getParameter("kind"),
                request.getParameter("from"),
                request.getParameter("to")));
        view.setStatus(HttpStatus.BAD_REQUEST);
        view.addObject("problem", bad.getMessage());
        view.addObject("entries", List.of());
        view.addObject("deep", false);
        view.addObject("newestUrl", PATH);
        return view;
    }

    private ModelAndView form(Typed typed) {
        ModelAndView view = new ModelAndView("admin/audit");
        view.addObject("typed", typed);
        view.addObject("kinds", Arrays.asList(AuditKind.values()));
        view.addObject("people", entries.people());
        view.addObject("zone", zone);
        view.addObject("csvUrl", link(CSV, typed, null));
        return view;
    }

    /** The page's address with this filter (blank fields left out) and, for "Older", the cursor. */
    private static String link(String path, Typed typed, AuditEntries.Cursor cursor) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        add(uri, "person", typed.person());
        add(uri, "kind", typed.kind());
        add(uri, "from", typed.from());
        add(uri, "to", typed.to());
        if (cursor != null) {
            uri.queryParam("before", cursor.text());
        }
        return uri.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value.strip());
        }
    }

    private static AuditEntries.Filter filter(Typed typed) {
        String person = blankToNull(typed.person());
        if (person != null && person.length() > 100) {
            throw new BadFilter("A person is a user name of at most 100 characters.");
        }
        AuditKind kind = null;
        String code = blankToNull(typed.kind());
        if (code != null) {
            kind = AuditKind.ofCode(code)
                    .orElseThrow(
                            () -> new BadFilter("There is no kind of act “" + code + "”; choose one from the list."));
        }
        LocalDate from = date(typed.from(), "from");
        LocalDate to = date(typed.to(), "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadFilter("The range ends (" + to + ") before it starts (" + from + ").");
        }
        return new AuditEntries.Filter(person == null ? null : person.toLowerCase(Locale.ROOT), kind, from, to);
    }

    private static LocalDate date(String typed, String field) {
        String text = blankToNull(typed);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < Dates.FIRST_YEAR || date.getYear() > Dates.LAST_YEAR) {
                throw new DateTimeException("year out of range");
            }
            return date;
        } catch (DateTimeException ex) {
            throw new BadFilter("“" + shorten(text) + "” is not a date for “" + field + "”: give it as 2026-12-07.");
        }
    }

    /** "Older" links carry the last entry's time and id: "2026-12-07T02:20:26.123456Z~1234". */
    private static AuditEntries.Cursor cursor(String before) {
        String text = blankToNull(before);
        if (text == null) {
            return null;
        }
        int tilde = text.lastIndexOf('~');
        try {
            if (tilde < 0) {
                throw new IllegalArgumentException("no id");
            }
            return new AuditEntries.Cursor(
                    Instant.parse(text.substring(0, tilde)), Long.parseLong(text.substring(tilde + 1)));
        } catch (IllegalArgumentException | DateTimeException ex) {
            throw new BadFilter("The “Older” link is damaged (“" + shorten(text) + "”); start again from the newest.");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }
}
