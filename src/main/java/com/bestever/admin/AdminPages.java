package com.bestever.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every newsroom page shares: never stored by a browser or a proxy
 * ({@code Cache-Control: no-store}), the model attribute {@code signedIn} (who is signed in,
 * with what role) for the admin layout and pages, and an end to the session of an account
 * disabled since it signed in.
 */
@Configuration(proxyBeanMethods = false)
class AdminPages implements WebMvcConfigurer {

    private final AccountRepository accounts;

    AdminPages(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new NewsroomPage(accounts)).addPathPatterns("/admin", "/admin/**", "/login");
    }

    /** The signed-in person of this request, or null. */
    static SignedIn signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedIn signedIn ? signedIn : null;
    }

    static class NewsroomPage implements HandlerInterceptor {

        private final AccountRepository accounts;

        NewsroomPage(AccountRepository accounts) {
            this.accounts = accounts;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws IOException {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            SignedIn signedIn = signedIn();
            if (signedIn != null && !accounts.existsByIdAndEnabledTrue(signedIn.accountId())) {
                // Disabled (or removed) since signing in: the session ends here.
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login?disabled");
                return false;
            }
            return true;
        }

        @Override
        public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                ModelAndView page) {
            if (page != null && !page.getModelMap().containsAttribute("signedIn")) {
                SignedIn signedIn = signedIn();
                if (signedIn != null) {
                    page.addObject("signedIn", signedIn);
                }
            }
        }
    }
}
