package com.bestever.system;

/**
 * Published (as a Spring application event) whenever an editor changes what public pages
 * show, and when a scheduled review goes live. Caches of rendered pages listen for it.
 */
public record ContentChanged(String what) {
}
