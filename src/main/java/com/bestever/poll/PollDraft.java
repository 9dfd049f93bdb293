package com.bestever.poll;

import java.time.Instant;
import java.util.List;

/**
 * The poll part of a review's form, as the editor filled it in, for {@link PollDesk}.
 *
 * @param genreId the genre the poll asks about; null: no poll under the review
 * @param question blank: the house's question ("Is … the Best Ever … Movie?")
 * @param options the option rows in their order: blank rows are skipped, and a blank row where
 *     an option was takes that option off the poll
 * @param opensAt null: the poll opens with the review (or now, while the review has no time)
 * @param closesAt null: the poll never closes
 */
public record PollDraft(Long genreId, String question, List<String> options, Instant opensAt, Instant closesAt) {

    /** Whether the editor wants a poll under the review. */
    public boolean wanted() {
        return genreId != null;
    }
}
