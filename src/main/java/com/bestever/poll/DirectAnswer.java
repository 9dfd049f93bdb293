package com.bestever.poll;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The answer to a vote, written straight onto the waiting request instead of through a second
 * pass of Spring MVC. A vote is answered asynchronously, once committed (a {@code DeferredResult});
 * setting that result makes the server dispatch the request again through every filter, the
 * handler look-up and the return-value handling, and for a 303 with no body that second pass
 * cost more than the vote itself: writing the answer directly doubled the votes a 2-core
 * machine counts per second (see the README). A vote that could not be counted still goes
 * through Spring MVC, to its problem page or JSON.
 *
 * <p>The answer must not be written while the request's first pass is still on its way out
 * through the filters: Spring Security writes its headers there, and a response is not safe
 * for two threads at once. So it is written by whichever comes second: the vote's answer
 * ({@link #send}), or the end of the first pass ({@link FirstPass}, outermost of the filters).
 */
final class DirectAnswer {

    private static final String ATTRIBUTE = DirectAnswer.class.getName();

    private final HttpServletRequest request;
    /** Counts the two events: the answer is ready, the first pass is over. */
    private final AtomicInteger arrived = new AtomicInteger();

    private final CompletableFuture<Void> written = new CompletableFuture<>();
    private Answer answer;

    private DirectAnswer(HttpServletRequest request) {
        this.request = request;
    }

    /** For a request whose async processing has started (or starts before it returns). */
    static DirectAnswer of(HttpServletRequest request) {
        DirectAnswer direct = new DirectAnswer(request);
        request.setAttribute(ATTRIBUTE, direct);
        return direct;
    }

    /** The one this request was given, if any. */
    static DirectAnswer on(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof DirectAnswer direct ? direct : null;
    }

    /** What to write: status, headers and body. */
    @FunctionalInterface
    interface Answer {
        void writeTo(HttpServletResponse response) throws IOException;
    }

    /**
     * Writes the answer and completes the request, now or at the end of the first pass.
     *
     * @return completed once the answer is written, on whichever thread writes it; completed
     *     exceptionally if writing failed (the reader is then left without an answer)
     */
    CompletableFuture<Void> send(Answer answer) {
        this.answer = answer; // published to the other thread by the atomic increment below
        if (arrived.incrementAndGet() == 2) {
            write();
        }
        return written;
    }

    /** Completed once the answer is written (see {@link #send}). */
    CompletableFuture<Void> written() {
        return written;
    }

    private void firstPassOver() {
        if (arrived.incrementAndGet() == 2) {
            write();
        }
    }

    private void write() {
        try {
            AsyncContext async = request.getAsyncContext();
            answer.writeTo((HttpServletResponse) async.getResponse());
            async.complete();
            written.complete(null);
        } catch (IOException | RuntimeException ex) {
            written.completeExceptionally(ex);
        }
    }

    /** Marks the end of a request's first pass; registered outermost (see PollWebConfig). */
    static final class FirstPass implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            try {
                chain.doFilter(request, response);
            } finally {
                DirectAnswer direct = on((HttpServletRequest) request);
                if (direct != null && request.isAsyncStarted()) {
                    direct.firstPassOver();
                }
            }
        }
    }
}
