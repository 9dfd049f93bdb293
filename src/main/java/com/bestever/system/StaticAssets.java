package com.bestever.system;

import java.time.Duration;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * CSS, images and scripts under content-hashed URLs ({@code /css/site-<md5>.css}, written into
 * pages by Spring's ResourceUrlEncodingFilter), so a browser may keep them for a year without
 * asking again: {@code Cache-Control: max-age=31536000, public, immutable}. Boot's own handler
 * for {@code /**} has no property for {@code immutable}; this one takes its place (it runs
 * first, and Boot does not register a pattern that is already mapped).
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaticAssets implements WebMvcConfigurer {

    private final WebProperties web;

    StaticAssets(WebProperties web) {
        this.web = web;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        var cacheControl = web.getResources().getCache().getCachecontrol();
        Duration maxAge = cacheControl.getMaxAge() != null ? cacheControl.getMaxAge() : Duration.ofDays(365);
        registry.addResourceHandler("/**")
                .addResourceLocations(web.getResources().getStaticLocations())
                .setCacheControl(CacheControl.maxAge(maxAge).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }
}
