package com.bestever.poll;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the reader poll behaves ({@code bestever.polls.*} in application.properties).
 *
 * @param voterKey the key that signs voter cookies; blank: one is generated once and kept in the
 *        database, so it survives restarts and every instance of the site shares it
 * @param votesPerMinute how many votes one client address may send in a minute (also the burst)
 * @param trustForwardedFor take the client address from the last {@code X-Forwarded-For} entry
 *        (only behind a proxy that sets it; otherwise a reader could pick any address)
 * @param minimumVotes below this many votes a film is "too early to call" on the leaderboard
 * @param voterCookieLifetime how long a reader's voter cookie lives
 */
@ConfigurationProperties("bestever.polls")
public record PollSettings(
        @DefaultValue("") String voterKey,
        @DefaultValue("60") int votesPerMinute,
        @DefaultValue("false") boolean trustForwardedFor,
        @DefaultValue("10") int minimumVotes,
        @DefaultValue("730d") Duration voterCookieLifetime) {

    public PollSettings {
        if (votesPerMinute < 1) {
            throw new IllegalArgumentException("bestever.polls.votes-per-minute must be at least 1");
        }
        if (minimumVotes < 0) {
            throw new IllegalArgumentException("bestever.polls.minimum-votes must not be negative");
        }
    }
}
