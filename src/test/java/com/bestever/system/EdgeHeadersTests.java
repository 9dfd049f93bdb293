package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tag header within the vendors' limits. */
class EdgeHeadersTests {

    @Test
    void everyPageCarriesTheSiteWideKeyFirst() {
        assertThat(EdgeHeaders.header(Set.of("review-1"), " ")).isEqualTo("site review-1");
        assertThat(EdgeHeaders.header(new LinkedHashSet<>(java.util.List.of("review-1", "reviews")), ","))
                .isEqualTo("site,review-1,reviews");
    }

    @Test
    void tooManyTagsCollapseToTheSiteAndTheListings() {
        Set<String> tags = new LinkedHashSet<>();
        tags.add("reviews");
        tags.add("genre-2-reviews");
        for (int id = 0; id < 3000; id++) {
            tags.add("review-" + id);
        }

        String header = EdgeHeaders.header(tags, " ");

        assertThat(header).isEqualTo("site reviews genre-2-reviews");
    }

    @Test
    void aKeyLongerThanTheVendorsTakeIsLeftOut() {
        String tooLong = "x".repeat(EdgeHeaders.LONGEST_KEY + 1);

        assertThat(EdgeHeaders.header(new LinkedHashSet<>(java.util.List.of("review-1", "reviews", tooLong)), " "))
                .isEqualTo("site reviews");
    }
}
