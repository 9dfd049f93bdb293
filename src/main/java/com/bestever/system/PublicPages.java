package com.bestever.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which addresses are public pages: the same bytes for every reader, so browsers and shared
 * caches may keep them ({@code Cache-Control: public}) and the site renders them once.
 * Everything else (admin, login, polls and their per-reader state, actuator, errors) keeps
 * Spring Security's {@code Cache-Control: no-store}.
 */
public final class PublicPages {

    private static final String[] SECTIONS = {"/reviews/", "/films/", "/authors/", "/genres/", "/best-ever/"};

    /**
     * The name of the session cookie (Spring Session's, for the sessions kept in PostgreSQL): only a
     * signed-in editor's browser has one, so a request without it is a reader's.
     */
    public static final String SESSION_COOKIE = "SESSION";

    private PublicPages() {}

    /** A GET or HEAD of a public page, search included. */
    public static boolean isPublic(HttpServletRequest request) {
        return isRead(request) && (isPage(path(request)) || isSearch(path(request)));
    }

    /** A page that is rendered once and kept: every public page except search results. */
    static boolean isPage(String path) {
        if (path.equals("/") || path.equals("/genres") || path.equals("/feed.xml") || path.equals("/robots.txt")) {
            return true;
        }
        if (path.equals("/best-ever")) { // every genre's readers' verdict
            return true;
        }
        if (path.startsWith("/sitemap") && path.endsWith(".xml") && path.indexOf('/', 1) < 0) {
            return true;
        }
        for (String section : SECTIONS) {
            if (path.startsWith(section) && path.length() > section.length()) {
                return true;
            }
        }
        return false;
    }

    /** A reader's vote: the poll form's address (Ant-style, for matchers of routes). */
    static final String VOTE = "/polls/*/votes";

    private static final org.springframework.util.AntPathMatcher ROUTES = new org.springframework.util.AntPathMatcher();

    /** A POST of a reader's vote. */
    static boolean isVote(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && ROUTES.match(VOTE, path(request));
    }

    static boolean isSearch(String path) {
        return path.equals("/search");
    }

    static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context.isEmpty() ? uri : uri.substring(context.length());
    }
}
