package com.bestever.system;

/** An upload that is not an image the site takes; the message says why, in the editor's words. */
public class ImageRejected extends Exception {

    public ImageRejected(String message) {
        super(message, null, false, false);
    }
}
