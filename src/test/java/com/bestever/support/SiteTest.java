package com.bestever.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;

/**
 * The whole site on real PostgreSQL, driven through MockMvc. Every test class with this
 * annotation shares one application context (and so one database): give test data unique slugs.
 *
 * <p>MockMvc does not print exchanges (not even on failure): to print one, it reads the whole
 * response after the filters, and a vote's answer may be written on the vote counter's thread
 * at that very moment (poll.DirectAnswer), which a real server never does. Tests assert on the
 * parsed page instead; {@code .andDo(print())} still prints a single exchange when needed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
public @interface SiteTest {}
