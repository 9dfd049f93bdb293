package com.bestever.admin;

import com.bestever.system.BestEverProperties;
import com.bestever.system.PublicPages;
import java.net.URI;
import java.util.Set;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may see what. Public pages are the same for every reader, so they never touch the
 * session; everything under /admin needs a signed-in editor. No anonymous request creates a
 * session: one begins when a password is accepted (with a new id: session fixation). Roles:
 * ADMIN > EDITOR > WRITER (the hierarchy and the sign-in check are in admin/SignInConfig).
 */
@Configuration(proxyBeanMethods = false)
// Spring Security's multi-factor support, with no factor required everywhere: the newsroom's
// rules add SecondFactorRequired (whoever has a second factor gives it), see newsroom() below.
@EnableMultiFactorAuthentication(authorities = {})
class SecurityConfig {

    @Bean
    SecurityFilterChain web(
            HttpSecurity http,
            AuthenticationManager signIn,
            SecurityContextRepository sessions,
            NewsroomSessions newsroomSessions,
            SignInAudit audit,
            TransactionTemplate transaction,
            RoleHierarchy roles,
            SecondFactorRequired secondFactorRequired,
            SecondFactors secondFactors,
            SignInThrottle throttle,
            AccountDetails accounts,
            WebAuthnRelyingPartyOperations passkeys)
            throws Exception {
        AuthorizationManagerFactory<RequestAuthorizationContext> newsroom = newsroom(roles, secondFactorRequired);
        AuthenticationEntryPoint secondStep = new LoginUrlAuthenticationEntryPoint(SecondFactorCodeSignIn.PATH);
        http.authorizeHttpRequests(requests -> requests
                        // Accounts: administrators only. Everyone signed in changes their own password.
                        .requestMatchers("/admin/accounts/**")
                        .access(newsroom.hasRole("ADMIN"))
                        // The audit log: administrators only.
                        .requestMatchers(AuditController.PATH, AuditController.PATH + "/**", AuditController.CSV)
                        .access(newsroom.hasRole("ADMIN"))
                        // The whole site out or in (transfer.TransferAdminController): administrators only.
                        .requestMatchers("/admin/transfer", "/admin/transfer/**")
                        .access(newsroom.hasRole("ADMIN"))
                        // Films, authors and genres: writers may read the lists, editors change them.
                        .requestMatchers(HttpMethod.GET, "/admin/films", "/admin/authors", "/admin/genres")
                        .access(newsroom.hasRole("WRITER"))
                        .requestMatchers("/admin/films/**", "/admin/authors/**", "/admin/genres/**")
                        .access(newsroom.hasRole("EDITOR"))
                        .requestMatchers("/admin/**")
                        .access(newsroom.hasRole("WRITER"))
                        // Adding or removing a passkey (Spring Security's WebAuthn endpoints) is a newsroom act.
                        .requestMatchers("/webauthn/register", "/webauthn/register/**")
                        .access(newsroom.hasRole("WRITER"))
                        .anyRequest()
                        .permitAll())
                .authenticationManager(signIn)
                // A sign-in that lacks its second factor is sent to give it (passkey, app code or recovery code).
                .exceptionHandling(exceptions -> exceptions
                        .defaultDeniedHandlerForMissingAuthority(secondStep, SecondFactors.APP)
                        .defaultDeniedHandlerForMissingAuthority(secondStep, FactorGrantedAuthority.WEBAUTHN_AUTHORITY))
                .addFilterAfter(
                        new SecondFactorCodeSignIn(secondFactors, throttle, accounts, sessions),
                        UsernamePasswordAuthenticationFilter.class)
                // Passkeys, Spring Security's WebAuthn support: the relying party is the bean below; the
                // pages are the site's own (its browser policy allows no inline script).
                .webAuthn(webAuthn -> webAuthn.disableDefaultRegistrationPage(true)
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationManager(new ProviderManager(new PasskeySignIn(
                                        new WebAuthnAuthenticationProvider(passkeys, accounts),
                                        accounts,
                                        secondFactors)));
                                filter.setMfaEnabled(true);
                                filter.setSecurityContextRepository(sessions);
                                filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
                                return filter;
                            }
                        }))
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
                        // Recorded before the context is cleared (Security runs its own handler last).
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof SignedIn signedIn) {
                                transaction.executeWithoutResult(status -> audit.signedOut(signedIn));
                            }
                        })
                        .logoutSuccessUrl("/login?signed-out")
                        .deleteCookies(NewsroomSessions.COOKIE))
                // Public pages carry Cache-Control: public (PublicPageCache); every other address
                // (admin, login, preview, polls, errors) keeps Security's no-store.
                .headers(headers -> headers.cacheControl(cacheControl -> cacheControl.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                request -> !PublicPages.isPublic(request), new CacheControlHeadersWriter())));
        return http.build();
    }

    /**
     * The newsroom's rules: the role's, and {@link SecondFactorRequired} with it (Spring Security's
     * {@code DefaultAuthorizationManagerFactory} with an additional authorization). Not a bean,
     * so only the rules that use it (everything under /admin) ask for a second factor.
     */
    static AuthorizationManagerFactory<RequestAuthorizationContext> newsroom(
            RoleHierarchy roles, SecondFactorRequired secondFactorRequired) {
        DefaultAuthorizationManagerFactory<RequestAuthorizationContext> factory =
                new DefaultAuthorizationManagerFactory<>();
        factory.setRoleHierarchy(roles);
        factory.setAdditionalAuthorization(secondFactorRequired);
        return factory;
    }

    /**
     * The passkeys' relying party: the site itself, as {@code BESTEVER_BASE_URL} names it. Its host
     * is the relying party id (a passkey works for this host and its subdomains only) and its
     * origin the only one a browser's signature is accepted from.
     */
    @Bean
    WebAuthnRelyingPartyOperations relyingParty(
            BestEverProperties properties,
            PublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials) {
        URI base = URI.create(properties.baseUrl());
        String origin = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        return new Webauthn4JRelyingPartyOperations(
                userEntities,
                credentials,
                PublicKeyCredentialRpEntity.builder()
                        .id(base.getHost())
                        .name("Best Ever")
                        .build(),
                Set.of(origin));
    }

    /** Passkeys' user entities (one per account that registered a passkey), in PostgreSQL. */
    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcTemplate jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
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
