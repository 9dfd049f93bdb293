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

    /** What became of a vote, as the redirect to the poll's page says it ({@code ?vote=…}). */
    static String outcomeWord(boolean done, boolean change) {
        if (change) {
            return done ? "changed" : "unchanged";
        }
        return done ? "counted" : "again";
    }

    /** After the redirect from a vote, what the poll's page tells the reader (null: nothing). */
    static String noticeAfterRedirect(String vote, String choice) {
        if (vote == null) {
            return null;
        }
        return switch (vote) {
            case "counted" -> voteMessage(true, choice);
            case "again" -> voteMessage(false, choice);
            case "changed" -> "Your vote is now “" + choice + "”; it still counts once.";
            case "unchanged" -> "Your vote stays “" + choice + "”; nothing changed.";
            default -> null;
        };
    }
}
