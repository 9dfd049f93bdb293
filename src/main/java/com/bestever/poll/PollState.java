package com.bestever.poll;

/** Where a poll is in its life: not yet open, taking votes, or closed with final standings. */
public enum PollState {
    UPCOMING, OPEN, CLOSED;

    public boolean isUpcoming() { return this == UPCOMING; }
    public boolean isOpen() { return this == OPEN; }
    public boolean isClosed() { return this == CLOSED; }
}
