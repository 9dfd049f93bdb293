package com.bestever.poll;

/**
 * A poll as a page that lists polls shows it (the film page): its question, the genre it asks
 * about, where it is in its life and its standings.
 */
public record PollSummary(
        long id, String question, String genreName, String genreSlug, PollState state, Standings standings) {}
