package com.bestever.poll;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;

/** What the poll's answers say to the reader, and which form (HTML or JSON) they asked for. */
final class PollViews {

    /** Nothing the poll answers is cacheable: it is per reader, and live. */
    static final String NO_STORE = CacheControl.noStore().cachePrivate().getHeaderValue();

    private PollViews() {}

    /** The script asks for JSON; a browser navigating asks for HTML. */
    static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    static String voteMessage(boolean counted, String choice) {
        return counted
                ? "Thanks: your vote (“" + choice + "”) is counted."
                : "You already voted (“" + choice + "”). Each reader’s vote counts once, so nothing changed.";
    }

    static String voteMessageWithoutStandings(boolean counted) {
        return counted
                ? "Thanks: your vote is counted. The standings could not be read just now."
                : "You already voted; each reader’s vote counts once, so nothing changed.";
    }

    /** After the redirect from a vote, what the poll's page tells the reader (null: nothing). */
    static String noticeAfterRedirect(String vote, String choice) {
        if ("counted".equals(vote)) {
            return voteMessage(true, choice);
        }
        if ("again".equals(vote)) {
            return voteMessage(false, choice);
        }
        return null;
    }
}
