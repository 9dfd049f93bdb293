package com.bestever.admin;

import com.bestever.system.PublicPages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Reading a public page (a GET or HEAD of a review, listing, feed, sitemap or search) needs
 * nothing of Spring Security but its response headers: such a request never reads or makes a
 * session, never carries a CSRF token (the page is the same for everyone), signs nobody in or
 * out and is open to all. So it passes a short chain of its own, ahead of {@link SecurityConfig}'s,
 * and a page rendered on a cache miss costs a few filters instead of a dozen.
 */
@Configuration(proxyBeanMethods = false)
class PublicReadSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain publicReads(HttpSecurity http) throws Exception {
        http.securityMatcher(PublicPages::isPublic)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                // Public pages carry Cache-Control: public (PublicPageCache sets it).
                .headers(headers -> headers.cacheControl(cacheControl -> cacheControl.disable()));
        return http.build();
    }
}
