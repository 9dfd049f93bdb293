package com.bestever.admin;

import com.bestever.system.PublicPages;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Who may see what. Public pages are the same for every reader, so they never touch the
 * session; everything under /admin needs a signed-in editor. No anonymous request creates a
 * session: one begins when a password is accepted (with a new id: session fixation). Roles:
 * ADMIN > EDITOR > WRITER (the hierarchy and the sign-in check are in admin/SignInConfig).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain web(
            HttpSecurity http,
            AuthenticationManager signIn,
            SecurityContextRepository sessions,
            NewsroomSessions newsroomSessions)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // Accounts: administrators only. Everyone signed in changes their own password.
                        .requestMatchers("/admin/accounts/**")
                        .hasRole("ADMIN")
                        // The whole site out or in (transfer.TransferAdminController): administrators only.
                        .requestMatchers("/admin/transfer", "/admin/transfer/**")
                        .hasRole("ADMIN")
                        // Films, authors and genres: writers may read the lists, editors change them.
                        .requestMatchers(HttpMethod.GET, "/admin/films", "/admin/authors", "/admin/genres")
                        .hasRole("WRITER")
                        .requestMatchers("/admin/films/**", "/admin/authors/**", "/admin/genres/**")
                        .hasRole("EDITOR")
                        .requestMatchers("/admin/**")
                        .hasRole("WRITER")
                        .anyRequest()
                        .permitAll())
                .authenticationManager(signIn)
                .securityContext(context -> context.securityContextRepository(sessions))
                // A session follows its account: role changes apply, a disabled account is out.
                .addFilterBefore(newsroomSessions.filter(), AuthorizationFilter.class)
                // The poll form sits on cached public pages: it is guarded by an Origin/Referer
                // check and the SameSite voter cookie instead of a per-session token; so does the
                // challenger form on the poll's own page (it leaves no token behind either).
                .csrf(csrf -> csrf.ignoringRequestMatchers("/polls/*/votes", "/polls/*/challengers")
                        .csrfTokenRepository(new CsrfTokens()))
                // No session before the password is accepted: the sign-in form's token is a cookie
                // (CsrfTokens), a refusal's reason is in the address (SignInFailures), and the page
                // an anonymous visitor asked for is not remembered (the newsroom's home follows).
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(management -> management.sessionFixation(fixation -> fixation.changeSessionId()))
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/admin")
                        .failureHandler(new SignInFailures())
                        .permitAll())
                // Signing out also deletes the session cookie: a browser that still sent it would be
                // passed by every cache in front of the site, as an editor, for good (issue 18).
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signed-out")
                        .deleteCookies(NewsroomSessions.COOKIE))
                // Public pages carry Cache-Control: public (PublicPageCache); every other address
                // (admin, login, preview, polls, errors) keeps Security's no-store.
                .headers(headers -> headers.cacheControl(cacheControl -> cacheControl.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                request -> !PublicPages.isPublic(request), new CacheControlHeadersWriter())));
        return http.build();
    }

    /** The session cookie's name, from one constant (its other settings: server.servlet.session.cookie.*). */
    @Bean
    DefaultCookieSerializerCustomizer sessionCookie() {
        return cookie -> cookie.setCookieName(NewsroomSessions.COOKIE);
    }

    /** Where a sign-in is kept: Security's default (the session), as a bean for NewsroomSessions. */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    }

    /**
     * No observation around each of Security's filters: with an observation registry present
     * (Actuator), Security times every filter of every request, which cost about an eighth of
     * the CPU of a vote under load. Requests are still observed as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
