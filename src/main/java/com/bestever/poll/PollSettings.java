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
 * @param minimumVotes below this many votes a film is "too early to call" on the leaderboard
 * @param voterCookieLifetime how long a reader's voter cookie lives
 * @param addressKey the key that salts the hash of client addresses; never kept in the database,
 *        so a dump alone cannot turn a {@code client_hash} back into an address. Blank: a random
 *        key made at start and held only in memory (hashes then compare within one run of one
 *        instance; set it, from the environment, for several instances to agree)
 * @param votesPerClientPerPoll how many votes one client address (an IPv6 /64) may cast in one
 *        poll, on top of the per-minute throttle
 * @param voteDeadline how long a vote waits for the vote writer to take it; a vote not taken by
 *        then is answered "not counted, try again" and is never counted later
 */
@ConfigurationProperties("bestever.polls")
public record PollSettings(
        @DefaultValue("") String voterKey,
        @DefaultValue("60") int votesPerMinute,
        @DefaultValue("10") int minimumVotes,
        @DefaultValue("730d") Duration voterCookieLifetime,
        @DefaultValue("") String addressKey,
        @DefaultValue("200") int votesPerClientPerPoll,
        @DefaultValue("3s") Duration voteDeadline) {

    public PollSettings {
        if (votesPerMinute < 1) {
            throw new IllegalArgumentException("bestever.polls.votes-per-minute must be at least 1");
        }
        if (votesPerClientPerPoll < 1) {
            throw new IllegalArgumentException("bestever.polls.votes-per-client-per-poll must be at least 1");
        }
        if (voteDeadline.isNegative() || voteDeadline.isZero()) {
            throw new IllegalArgumentException("bestever.polls.vote-deadline must be positive");
        }
        if (minimumVotes < 0) {
            throw new IllegalArgumentException("bestever.polls.minimum-votes must not be negative");
        }
    }
}
