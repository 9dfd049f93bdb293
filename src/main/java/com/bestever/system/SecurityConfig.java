package com.bestever.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what. Public pages are the same for every reader, so they never touch the
 * session; everything under /admin needs a signed-in editor. Roles: ADMIN > EDITOR > WRITER
 * (the hierarchy and the sign-in check are in admin/SignInConfig).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain web(HttpSecurity http, AuthenticationManager signIn) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // Accounts: administrators only. Everyone signed in changes their own password.
                        .requestMatchers("/admin/accounts/**").hasRole("ADMIN")
                        // Films, authors and genres: writers may read the lists, editors change them.
                        .requestMatchers(HttpMethod.GET, "/admin/films", "/admin/authors", "/admin/genres").hasRole("WRITER")
                        .requestMatchers("/admin/films/**", "/admin/authors/**", "/admin/genres/**").hasRole("EDITOR")
                        .requestMatchers("/admin/**").hasRole("WRITER")
                        .anyRequest().permitAll())
                .authenticationManager(signIn)
                // The poll form sits on cached public pages: it is guarded by an Origin/Referer
                // check and the SameSite voter cookie instead of a per-session token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/polls/*/votes"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/admin").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"));
        return http.build();
    }
}
