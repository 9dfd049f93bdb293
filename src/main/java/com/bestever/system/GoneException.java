package com.bestever.system;

/** Thrown when a URL names something that was public and has been deleted: the reader gets the 410 page. */
public class GoneException extends RuntimeException {

    public GoneException(String what) {
        super(what, null, false, false);
    }
}
