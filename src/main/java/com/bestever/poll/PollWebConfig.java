package com.bestever.poll;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The poll's own servlet filter: where a vote's first pass ends (see {@link DirectAnswer}). */
@Configuration(proxyBeanMethods = false)
class PollWebConfig {

    @Bean
    FilterRegistrationBean<DirectAnswer.FirstPass> directAnswerFirstPass() {
        var registration = new FilterRegistrationBean<>(new DirectAnswer.FirstPass());
        registration.addUrlPatterns("/polls/*");
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        // Outside every other filter, Spring Security's (order -100) above all: they are done
        // with the response when this one's chain returns.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
