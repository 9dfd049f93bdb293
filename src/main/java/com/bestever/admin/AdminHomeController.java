package com.bestever.admin;

import com.bestever.system.EdgePurges;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The newsroom's front page: who is signed in, the way to each desk, and a CDN that refuses purges. */
@Controller
class AdminHomeController {

    private final EdgePurges purges;

    AdminHomeController(EdgePurges purges) {
        this.purges = purges;
    }

    @GetMapping("/admin")
    String home(@AuthenticationPrincipal SignedIn signedIn, Model model) {
        model.addAttribute("signedIn", signedIn);
        model.addAttribute("purgeFailure", purges.failing().orElse(null));
        return "admin/home";
    }
}
