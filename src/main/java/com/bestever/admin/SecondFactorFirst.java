package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Someone whose role must sign in with two factors, and who has no second factor yet, is sent
 * to add one before any other newsroom page (as {@link OwnPasswordFirst} sends them to choose a
 * password). Their own password page stays open.
 */
@Configuration(proxyBeanMethods = false)
class SecondFactorFirst implements WebMvcConfigurer, HandlerInterceptor {

    private final SecondFactorRequired rule;

    SecondFactorFirst(SecondFactorRequired rule) {
        this.rule = rule;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns("/admin", "/admin/**")
                .excludePathPatterns(
                        PasswordController.PATH, SecondFactorController.PATH, SecondFactorController.PATH + "/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        SignedIn signedIn = AdminPages.signedIn();
        if (signedIn != null && !signedIn.mustChangePassword()) {
            SecondFactors.Need need = rule.need(signedIn, request);
            if (need.required() && !need.hasFactor()) {
                response.sendRedirect(request.getContextPath() + SecondFactorController.PATH + "?required");
                return false;
            }
        }
        return true;
    }
}
