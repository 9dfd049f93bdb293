package com.bestever.admin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The newsroom's front page: who is signed in, and the way to each desk. */
@Controller
class AdminHomeController {

    @GetMapping("/admin")
    String home(@AuthenticationPrincipal SignedIn signedIn, Model model) {
        model.addAttribute("signedIn", signedIn);
        return "admin/home";
    }
}
