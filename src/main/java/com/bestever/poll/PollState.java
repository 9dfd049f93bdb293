package com.bestever.poll;

import java.time.Instant;

/**
 * Where a poll is in its life: not yet open, taking votes, or closed with final standings. The
 * rule is {@link #at}; {@link PollStates} answers it for now, by the injected clock, for every
 * page, template and vote.
 */
public enum PollState {
    UPCOMING,
    OPEN,
    CLOSED;

    /** Not open before {@code opensAt}; open until {@code closesAt} (never closes when null); closed from then on. */
    static PollState at(Instant opensAt, Instant closesAt, Instant now) {
        if (now.isBefore(opensAt)) {
            return UPCOMING;
        }
        return closesAt == null || now.isBefore(closesAt) ? OPEN : CLOSED;
    }

    public boolean isUpcoming() {
        return this == UPCOMING;
    }

    public boolean isOpen() {
        return this == OPEN;
    }

    public boolean isClosed() {
        return this == CLOSED;
    }
}
