package com.bestever.article;

import com.bestever.admin.Accounts;
import com.bestever.admin.SignedIn;
import java.util.Collections;
import java.util.List;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A review's revisions: the list, one revision compared with the current text, and restoring it. */
@Controller
@RequestMapping("/admin/articles/{id}/revisions")
class RevisionAdminController {

    private final Publishing publishing;
    private final Revisions revisions;
    private final Accounts accounts;

    RevisionAdminController(Publishing publishing, Revisions revisions, Accounts accounts) {
        this.publishing = publishing;
        this.revisions = revisions;
        this.accounts = accounts;
    }

    @GetMapping
    String list(@PathVariable long id, Model model, @AuthenticationPrincipal SignedIn signedIn) {
        Article article = publishing.editable(id, signedIn);
        model.addAttribute("article", article);
        List<ArticleRevision> all = revisions.of(id);
        model.addAttribute("revisions", all);
        model.addAttribute(
                "usernames",
                accounts.usernames(
                        all.stream().map(ArticleRevision::getEditedBy).toList()));
        return "article/admin/revisions";
    }

    @GetMapping("/{number}")
    String compare(
            @PathVariable long id, @PathVariable int number, Model model, @AuthenticationPrincipal SignedIn signedIn) {
        Article article = publishing.editable(id, signedIn);
        ArticleRevision revision = revisions.find(id, number);
        model.addAttribute("article", article);
        model.addAttribute("revision", revision);
        model.addAttribute("usernames", accounts.usernames(Collections.singletonList(revision.getEditedBy())));
        List<DiffPart> parts = List.of(
                new DiffPart("Title", LineDiff.between(revision.getTitle(), article.getTitle())),
                new DiffPart("Address (slug)", LineDiff.between(revision.getSlug(), article.getSlug())),
                new DiffPart("Pull quote", LineDiff.between(revision.getPullQuote(), article.getPullQuote())),
                new DiffPart("Body", LineDiff.between(revision.getBody(), article.getBody())),
                new DiffPart("Verdict", LineDiff.between(revision.getVerdict(), article.getVerdict())),
                new DiffPart(
                        "Decide for Yourself",
                        LineDiff.between(revision.getRecommendations(), ArticleRevision.recommendationsOf(article))));
        model.addAttribute("parts", parts);
        // A restore puts back the words, not the address: only they make restoring worth offering.
        model.addAttribute(
                "changed",
                parts.stream()
                        .filter(part -> !part.name().startsWith("Address"))
                        .anyMatch(DiffPart::changed));
        return "article/admin/revision";
    }

    /** One part of the review, compared line by line; public for the template. */
    public record DiffPart(String name, List<LineDiff.Line> lines) {
        public boolean changed() {
            return LineDiff.changed(lines);
        }
    }

    @PostMapping("/{number}/restore")
    String restore(
            @PathVariable long id,
            @PathVariable int number,
            @RequestParam long version,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        Article article = publishing.editable(id, signedIn);
        ArticleRevision restored;
        try {
            restored = revisions.restore(article, number, version);
        } catch (ObjectOptimisticLockingFailureException savedSince) {
            redirect.addFlashAttribute(
                    "problem",
                    "Someone saved this review since you opened the revision: nothing was restored. Compare again.");
            return "redirect:/admin/articles/" + id + "/revisions/" + number;
        }
        redirect.addFlashAttribute(
                "notice", "Restored revision " + number + " (saved as revision " + restored.getNumber() + ").");
        return "redirect:/admin/articles/" + id + "/edit";
    }
}
