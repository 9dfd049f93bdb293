package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.bestever.support.SiteTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/**
 * A database refusal that slips past the forms' checks is a 400 (a value PostgreSQL cannot store)
 * or a 409 (a rule it enforces), counted, never a 500: real refusals from real PostgreSQL, answered
 * by the site's error model.
 */
@SiteTest
class DatabaseRefusalTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ErrorPages errors;

    @Autowired
    MeterRegistry meters;

    @Test
    void aValueThePostgresCannotStoreIsA400() throws Exception {
        Exception refused = (Exception) catchThrowable(() -> jdbc.sql("insert into genre (name, slug) values (?, ?)")
                .params("a\u0000b", "nul-genre")
                .update());
        double before = counted();
        Object answer = errors.other(
                refused, new MockHttpServletRequest("POST", "/admin/genres/new"), new MockHttpServletResponse());
        assertThat(((ModelAndView) answer).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(counted()).isEqualTo(before + 1);
    }

    @Test
    void aRuleTheDatabaseEnforcesIsA409AsJsonWhenAskedFor() throws Exception {
        Exception refused = (Exception) catchThrowable(() -> jdbc.sql("insert into genre (name, slug) values (?, ?)")
                .params("Bad slug", "Not A Slug")
                .update());
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/polls/1/votes");
        request.addHeader("Accept", "application/json");
        Object answer = errors.other(refused, request, new MockHttpServletResponse());
        assertThat(((ResponseEntity<?>) answer).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(((ResponseEntity<?>) answer).getBody())
                .hasToString(((ResponseEntity<?>) answer).getBody().toString());
    }

    @Test
    void anyOtherFaultIsNotDisguised() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThat(catchThrowable(
                        () -> errors.other(bug, new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse())))
                .isSameAs(bug);
    }

    private double counted() {
        var counter =
                meters.find("bestever.input.refused").tag("reason", "database").counter();
        return counter == null ? 0 : counter.count();
    }
}
