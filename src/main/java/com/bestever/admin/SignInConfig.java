package com.bestever.admin;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How the newsroom checks a sign-in: accounts from the database, passwords hashed with BCrypt
 * (behind Spring Security's DelegatingPasswordEncoder, so stored hashes say their algorithm),
 * failures throttled, and the role hierarchy ADMIN > EDITOR > WRITER.
 *
 * <p>Defining the AuthenticationManager here also removes Spring Boot's generated in-memory user.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name())
                .implies(Role.EDITOR.name())
                .role(Role.EDITOR.name())
                .implies(Role.WRITER.name())
                .build();
    }

    @Bean
    AuthenticationManager authenticationManager(
            AccountDetails accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle, MeterRegistry meters) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(passwordEncoder);
        // A disabled account is told so only after its right password: before, it looks like any
        // other failed sign-in, and takes as long (the password is always hashed).
        passwords.setPreAuthenticationChecks(account -> {});
        passwords.setPostAuthenticationChecks(account -> {
            if (!account.isEnabled()) {
                throw new DisabledException("account disabled");
            }
        });
        return new ProviderManager(new ThrottledSignIn(passwords, throttle, meters));
    }
}
