package com.bestever.poll;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A vote or a poll page that cannot be served as asked: a 4xx with a message the reader can act on. */
class PollProblem extends RuntimeException {

    private final HttpStatus status;
    private final transient Poll poll;
    private final Duration retryAfter;

    PollProblem(HttpStatus status, String message) {
        this(status, message, null, null);
    }

    PollProblem(HttpStatus status, String message, Poll poll, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.poll = poll;
        this.retryAfter = retryAfter;
    }

    HttpStatus status() {
        return status;
    }
    /** The poll concerned, when there is one to link to. */
    Poll poll() {
        return poll;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
