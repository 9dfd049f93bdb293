package com.bestever.support;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting, at most 5 s, for what another thread does after the request that caused it has been answered. */
public final class Eventually {

    private Eventually() {}

    /** The first non-null value {@code found} gives within 5 s, or null. */
    public static <T> T eventually(Supplier<T> found) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        T value = found.get();
        while (value == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
            value = found.get();
        }
        return value;
    }

    /** Returns once {@code condition} holds, or after 5 s (the caller asserts what it needs). */
    public static void until(BooleanSupplier condition) throws InterruptedException {
        eventually(() -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }
}
