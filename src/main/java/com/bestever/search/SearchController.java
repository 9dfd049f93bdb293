package com.bestever.search;

import com.bestever.system.BestEverProperties;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageMeta;
import com.bestever.system.PageNumber;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /search?q=}: the reviews that match what the reader typed, best match first.
 * Any text is a valid query (websearch_to_tsquery never fails on syntax); only an empty or
 * overlong one gets a page that says so instead of results.
 */
@Controller
class SearchController {

    static final int MAX_QUERY_LENGTH = 200;

    // Control characters (the null byte among them), lone surrogates and our own highlight markers.
    private static final Pattern UNUSABLE = Pattern.compile("[\\p{Cc}\\p{Cs}\\uE000\\uE001]+");

    private final SearchRepository search;
    private final Clock clock;
    private final BestEverProperties site;
    private final SearchBudget budget;

    SearchController(SearchRepository search, Clock clock, BestEverProperties site, SearchBudget budget) {
        this.budget = budget;
        this.search = search;
        this.clock = clock;
        this.site = site;
    }

    @GetMapping("/search")
    String search(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        String query = q == null ? "" : UNUSABLE.matcher(q).replaceAll(" ").strip();
        model.addAttribute("q", query);
        model.addAttribute(
                "meta", head(query.length() > MAX_QUERY_LENGTH ? query.substring(0, MAX_QUERY_LENGTH) : query));
        if (query.isEmpty()) {
            return "search/search";
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("q", query.substring(0, MAX_QUERY_LENGTH));
            model.addAttribute("tooLong", true);
            return "search/search";
        }
        Pageable pageable = PageNumber.of(page);
        // The client, as system.ClientAddresses made it (the peer, or what a trusted proxy says).
        String address = request.getRemoteAddr();
        if (!budget.allows(address)) {
            // This address has spent its share of the database on searches: back in a moment.
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "2");
            model.addAttribute("throttled", true);
            return "search/search";
        }
        long started = System.nanoTime();
        try {
            Results found = search.bounded(() -> results(query, pageable));
            if (found.page() == null) {
                model.addAttribute("nothingToFind", true);
            } else {
                model.addAttribute("results", found.page());
                model.addAttribute("broad", found.broad());
                model.addAttribute("ranked", SearchRepository.RANKED);
            }
        } catch (QueryTimeoutException ex) {
            model.addAttribute("tooBroad", true);
        } finally {
            budget.charge(address, (System.nanoTime() - started) / 1_000_000);
        }
        return "search/search";
    }

    /** A page of results, or none when the query has no word to look for. */
    private record Results(Page<SearchHit> page, boolean broad) {}

    private Results results(String query, Pageable pageable) {
        if (!search.searchable(query)) {
            return new Results(null, false);
        }
        SearchRepository.Found found =
                search.find(query, clock.instant(), (int) pageable.getOffset(), pageable.getPageSize());
        if (found.hits().isEmpty() && pageable.getPageNumber() > 0) {
            throw new NotFoundException("search page " + (pageable.getPageNumber() + 1));
        }
        long ranked = Math.min(found.total(), SearchRepository.RANKED);
        return new Results(new PageImpl<>(found.hits(), pageable, ranked), found.total() > SearchRepository.RANKED);
    }

    /** Result pages are for readers, not for search engines' indexes. */
    private PageMeta head(String query) {
        String title = query.isEmpty() ? "Search — " + site.siteName() : "Search: " + query + " — " + site.siteName();
        return PageMeta.page(title, "Search every " + site.siteName() + " review.", site.absolute("/search"), null)
                .noindexed();
    }
}
