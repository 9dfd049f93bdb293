package com.bestever.transfer;

import java.util.concurrent.atomic.AtomicLong;

/** How far a long import has come, for the page the editor watches: reviews done out of all. */
public final class Progress {

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile String phase = "Waiting";

    void total(long reviews) {
        total.set(reviews);
        done.set(0);
    }

    void step() {
        done.incrementAndGet();
    }

    void phase(String phase) {
        this.phase = phase;
    }

    public long getDone() {
        return done.get();
    }

    public long getTotal() {
        return total.get();
    }

    public String getPhase() {
        return phase;
    }

    public int getPercent() {
        long all = total.get();
        return all == 0 ? 0 : (int) Math.min(100, done.get() * 100 / all);
    }
}
