package com.bestever.system;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * CSS, images and scripts under content-hashed URLs ({@code /css/site-<md5>.css}, written into
 * pages by Spring's ResourceUrlEncodingFilter), so a browser may keep them for a year without
 * asking again: {@code Cache-Control: max-age=31536000, public, immutable} (Boot's resource
 * properties have no {@code immutable}).
 * <p>
 * Mapped to the static folders only, not to {@code /**} (Boot's default is switched off with
 * {@code spring.web.resources.add-mappings=false}): Thymeleaf passes every link of a page
 * through the ResourceUrlEncodingFilter, and under {@code /**} each {@code /reviews/…} link
 * was looked up as a file in the jar on every render, which made rendering ten times slower
 * under load.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaticAssets implements WebMvcConfigurer {

    /** The folders of templates-static/static; a new folder goes here. */
    static final List<String> FOLDERS = List.of("css", "js", "images", "fonts");

    /** The files at its top (the favicon). */
    static final String[] TOP_LEVEL_FILES = {"/*.svg", "/*.ico", "/*.png", "/*.webmanifest"};

    private final WebProperties web;

    StaticAssets(WebProperties web) {
        this.web = web;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        var cacheControl = web.getResources().getCache().getCachecontrol();
        Duration maxAge = cacheControl.getMaxAge() != null ? cacheControl.getMaxAge() : Duration.ofDays(365);
        CacheControl immutable = CacheControl.maxAge(maxAge).cachePublic().immutable();
        String[] locations = web.getResources().getStaticLocations();
        for (String folder : FOLDERS) {
            String[] inFolder = Arrays.stream(locations)
                    .map(location -> location + folder + "/")
                    .toArray(String[]::new);
            hashed(registry.addResourceHandler("/" + folder + "/**").addResourceLocations(inFolder), immutable);
        }
        hashed(registry.addResourceHandler(TOP_LEVEL_FILES).addResourceLocations(locations), immutable);
    }

    private static void hashed(ResourceHandlerRegistration registration, CacheControl cacheControl) {
        registration
                .setCacheControl(cacheControl)
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }
}
