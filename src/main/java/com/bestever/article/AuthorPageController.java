package com.bestever.article;

import com.bestever.author.Author;
import com.bestever.author.AuthorRepository;
import com.bestever.poll.PollVerdicts;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanged.Kind;
import com.bestever.system.MovedPermanently;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageNumber;
import com.bestever.system.PageTags;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A critic's page: their bio and their reviews, newest first. */
@Controller
class AuthorPageController {

    private final AuthorRepository authors;
    private final Reviews reviews;
    private final PageHeads metas;
    private final PollVerdicts verdicts;

    AuthorPageController(AuthorRepository authors, Reviews reviews, PageHeads metas, PollVerdicts verdicts) {
        this.verdicts = verdicts;
        this.authors = authors;
        this.reviews = reviews;
        this.metas = metas;
    }

    @GetMapping("/authors/{slug}")
    String author(@PathVariable String slug, @RequestParam(defaultValue = "1") int page, Model model) {
        Author author = authors.findBySlug(slug)
                .orElseThrow(() -> MovedPermanently.orNotFound(
                        authors.currentSlugFor(slug).map(current -> "/authors/" + current), "author " + slug));
        var byAuthor = reviews.byAuthor(author.getId(), PageNumber.of(page));
        if (byAuthor.isEmpty() && page > 1) {
            throw new NotFoundException("page " + page);
        }
        PageTags.add(
                ContentChanged.tag(Kind.AUTHOR, author.getId()),
                ContentChanged.listing(Kind.AUTHOR, author.getId(), Kind.REVIEW));
        ReviewCard.tagPage(byAuthor);
        model.addAttribute("author", author);
        model.addAttribute("reviews", byAuthor);
        model.addAttribute("meta", metas.author(author, byAuthor));
        // The critic's record with the readers, from the final verdicts of polls under their public reviews.
        model.addAttribute("agreement", verdicts.agreement(reviews.publicIdsByAuthor(author.getId())));
        return "article/author";
    }
}
