package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * with what role) for the admin layout and pages. (A session that no longer holds for its
 * account has ended before this, in {@link NewsroomSessions}.)
 */
@Configuration(proxyBeanMethods = false)
class AdminPages implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new NewsroomPage())
                .addPathPatterns("/admin", "/admin/**", "/login", SecondFactorCodeSignIn.PATH);
    }

    /** The signed-in person of this request, or null. */
    static SignedIn signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedIn signedIn ? signedIn : null;
    }

    static class NewsroomPage implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            return true;
        }

        @Override
        public void postHandle(
                HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
            if (page != null && !page.getModelMap().containsAttribute("signedIn")) {
                SignedIn signedIn = signedIn();
                if (signedIn != null) {
                    page.addObject("signedIn", signedIn);
                }
            }
        }
    }
}
