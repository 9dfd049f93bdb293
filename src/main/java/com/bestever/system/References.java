package com.bestever.system;

import java.util.List;

/**
 * A port for the features above the catalog: how many of their things point at a film, an author
 * or a genre. The catalog's desks ask before an editor deletes one, and so never read another
 * feature's tables. Each feature that points at the catalog implements it once, saying its own
 * words ("review", "reviews"); the implementations' {@code @Order} is the order of the words in
 * "2 reviews, 1 film and 1 poll are …".
 */
public interface References {

    /** What in the catalog things point at. */
    enum Target {
        FILM,
        AUTHOR,
        GENRE
    }

    /** Adds to {@code usage} how many of this feature's things point at {@code target} number {@code id}. */
    void count(Target target, long id, Usage usage);

    /** Everything that points at {@code target} number {@code id}, counted by each feature in {@code all}. */
    static Usage usage(List<References> all, Target target, long id) {
        Usage usage = new Usage();
        all.forEach(references -> references.count(target, id, usage));
        return usage;
    }
}
