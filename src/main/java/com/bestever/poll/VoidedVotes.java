package com.bestever.poll;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many votes of a poll's current round editors voided ({@link BurstReview}): the public
 * "N votes excluded" beside the verdict, and {@code "excluded"} in the poll's JSON. Counted from
 * the voided rows themselves (few, and indexed apart), so there is one truth for the number.
 * Templates ask it as {@code @voidedVotes}.
 */
@Component("voidedVotes")
public class VoidedVotes {

    private final JdbcClient jdbc;

    VoidedVotes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The voided votes of this round of this poll. */
    public long excluded(long pollId, int round) {
        return jdbc.sql("select count(*) from vote where question_id = ? and round = ? and voiding_id is not null")
                .params(pollId, round)
                .query(Long.class)
                .single();
    }

    /** The voided votes of the poll's current round. */
    public long excluded(VoteQuestion poll) {
        return excluded(poll.getId(), poll.getRound());
    }

    /** For templates: see {@link #excludedText}. */
    public String text(long excluded) {
        return excludedText(excluded);
    }

    /** "1 vote excluded by the editors", "12 votes excluded by the editors". */
    public static String excludedText(long excluded) {
        return String.format(
                Locale.ENGLISH, "%,d %s excluded by the editors", excluded, excluded == 1 ? "vote" : "votes");
    }
}
