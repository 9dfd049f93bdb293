package com.bestever.article;

import com.bestever.admin.SignedIn;
import jakarta.servlet.http.HttpServletResponse;
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

/** The newsroom's articles: the list, the article form (new and edit), preview, publish, unpublish, delete. */
/**
 * A review's workflow past the form: the preview (the real page with a banner), publishing now,
 * unpublishing and deleting. Each act checks the version the editor saw: if someone saved since,
 * nothing changes and the editor is told.
 */
@Controller
@RequestMapping("/admin/articles")
class ArticleWorkflowController {

    private final Publishing publishing;

    ArticleWorkflowController(Publishing publishing) {
        this.publishing = publishing;
    }

    @GetMapping("/{id}/preview")
    String preview(
            @PathVariable long id,
            Model model,
            @AuthenticationPrincipal SignedIn signedIn,
            HttpServletResponse response) {
        model.addAttribute("page", publishing.preview(id, signedIn));
        model.addAttribute("preview", true);
        response.setHeader("Cache-Control", "no-store");
        return "article/review";
    }

    @PostMapping("/{id}/publish")
    String publish(
            @PathVariable long id,
            @RequestParam long version,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        return act(
                id,
                () -> publishing.publishNow(id, version, signedIn),
                "Published: it is on the public site now.",
                redirect);
    }

    @PostMapping("/{id}/unpublish")
    String unpublish(
            @PathVariable long id,
            @RequestParam long version,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        return act(
                id,
                () -> publishing.unpublish(id, version, signedIn),
                "Unpublished: readers no longer see it; it is a draft again.",
                redirect);
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model, @AuthenticationPrincipal SignedIn signedIn) {
        if (!signedIn.isEditor()) {
            throw new org.springframework.security.access.AccessDeniedException("writers do not delete reviews");
        }
        model.addAttribute("article", publishing.editable(id, signedIn));
        return "article/admin/delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal SignedIn signedIn, RedirectAttributes redirect) {
        String title = publishing.delete(id, signedIn);
        redirect.addFlashAttribute("notice", "Deleted “" + title + "”.");
        return "redirect:/admin/articles";
    }

    private String act(long id, Runnable action, String message, RedirectAttributes redirect) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", message);
        } catch (ObjectOptimisticLockingFailureException ex) {
            redirect.addFlashAttribute(
                    "problem", "Someone saved this review a moment ago: nothing was changed. Check it and try again.");
        }
        return "redirect:/admin/articles/" + id + "/edit";
    }
}
