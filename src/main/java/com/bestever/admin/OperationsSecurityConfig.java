package com.bestever.admin;

import com.bestever.system.BestEverProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The operators' addresses under {@code /actuator}: health is public (load balancers and
 * orchestrators probe it); build info and metrics answer only to a scraper that sends the
 * configured metrics token as {@code Authorization: Bearer …}. No session, no sign-in page.
 */
@Configuration(proxyBeanMethods = false)
class OperationsSecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain operations(HttpSecurity http, BestEverProperties properties) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> scraper =
                bearer(properties.operations().metricsToken());
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .access(scraper))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint((request, response, ex) -> response.sendError(401)));
        return http.build();
    }

    /** Grants the request when it carries the token (compared in constant time); never when no token is set. */
    static AuthorizationManager<RequestAuthorizationContext> bearer(String token) {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return (authentication, context) -> {
            String sent = context.getRequest().getHeader(HttpHeaders.AUTHORIZATION);
            boolean granted = !token.isBlank()
                    && sent != null
                    && MessageDigest.isEqual(expected, sent.getBytes(StandardCharsets.UTF_8));
            return new AuthorizationDecision(granted);
        };
    }
}
