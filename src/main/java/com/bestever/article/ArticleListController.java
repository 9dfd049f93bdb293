package com.bestever.article;

import com.bestever.admin.Accounts;
import com.bestever.system.PageNumber;
import java.util.EnumSet;
import java.util.Locale;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The newsroom's articles: the list, the article form (new and edit), preview, publish, unpublish, delete. */
/** The newsroom's list of reviews: by status, by words of the title, the most recently saved first. */
@Controller
@RequestMapping("/admin/articles")
class ArticleListController {

    private final ArticleRepository articles;
    private final Accounts accounts;

    ArticleListController(ArticleRepository articles, Accounts accounts) {
        this.articles = articles;
        this.accounts = accounts;
    }

    @GetMapping
    String list(
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        ArticleStatus only = EnumSet.allOf(ArticleStatus.class).stream()
                .filter(s -> s.name().equals(status))
                .findFirst()
                .orElse(null);
        String search = q.strip().length() > 200 ? q.strip().substring(0, 200) : q.strip();
        String pattern = "%"
                + search.toLowerCase(Locale.ROOT)
                        .replace("!", "!!")
                        .replace("%", "!%")
                        .replace("_", "!_") + "%";
        Page<Article> found = articles.findForNewsroom(
                only == null ? EnumSet.allOf(ArticleStatus.class) : EnumSet.of(only), pattern, PageNumber.of(page));
        model.addAttribute("articles", found);
        model.addAttribute(
                "usernames", accounts.usernames(found.map(Article::getUpdatedBy).getContent()));
        model.addAttribute("status", only);
        model.addAttribute("q", search);
        model.addAttribute("statuses", ArticleStatus.values());
        model.addAttribute("waitingForReview", articles.countByStatus(ArticleStatus.IN_REVIEW));
        return "article/admin/list";
    }
}
