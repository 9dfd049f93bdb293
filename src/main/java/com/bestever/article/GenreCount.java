package com.bestever.article;

import com.bestever.genre.Genre;

/** A genre and how many public reviews argue for it: a line of {@code /genres} and of the navigation. */
public record GenreCount(Genre genre, long reviews) {

    public String reviewsText() {
        return reviews == 1 ? "1 review" : reviews + " reviews";
    }
}
