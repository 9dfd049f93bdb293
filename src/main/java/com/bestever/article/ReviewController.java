package com.bestever.article;

import com.bestever.system.ContentChanged.Kind;
import com.bestever.system.GoneException;
import com.bestever.system.MovedPermanently;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageNumber;
import com.bestever.system.PageTags;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The review page and the home page's list of the latest reviews. */
@Controller
class ReviewController {

    private final Reviews reviews;
    private final PageHeads metas;

    ReviewController(Reviews reviews, PageHeads metas) {
        this.reviews = reviews;
        this.metas = metas;
    }

    @GetMapping("/")
    String home(@RequestParam(defaultValue = "1") int page, Model model) {
        var latest = reviews.latest(PageNumber.of(page));
        if (latest.isEmpty() && page > 1) {
            throw new NotFoundException("page " + page);
        }
        PageTags.add(Kind.REVIEW.all());
        ReviewCard.tagPage(latest);
        model.addAttribute("reviews", latest);
        model.addAttribute("meta", metas.home(latest));
        return "article/home";
    }

    @GetMapping("/reviews/{slug}")
    String review(@PathVariable String slug, Model model) {
        var page = reviews.page(slug);
        if (page.isPresent()) {
            PageTags.add(page.get().tags());
            model.addAttribute("page", page.get());
            model.addAttribute("meta", metas.review(page.get()));
            return "article/review";
        }
        // A review whose slug changed keeps its old links: 301 to where it lives now.
        throw reviews.currentSlugFor(slug)
                .<RuntimeException>map(current -> new MovedPermanently("/reviews/" + current))
                .orElseGet(() -> reviews.wasDeletedFrom(slug)
                        ? new GoneException("review " + slug)
                        : new NotFoundException("review " + slug));
    }
}
