package com.bestever.system;

import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.jpa.repository.config.EnableJpaAuditing;

/**
 * Spring Data's auditing for {@link Audited} records: the times come from the injected
 * {@link Clock} (so tests that move the clock move them too). Who saved a record comes from the
 * one {@code AuditorAware} bean, if the application has one (autowired by type).
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaAuditing(dateTimeProviderRef = "auditingTime")
class AuditingConfig {

    @Bean
    DateTimeProvider auditingTime(Clock clock) {
        return () -> Optional.of(clock.instant());
    }
}
