package com.bestever.system;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;

/** A page that needs the database while it is away answers 503 with Retry-After, not 500. */
class DatabaseUnavailableTests {

    @Controller
    static class NeedsTheDatabase {

        @GetMapping("/no-connection")
        String noConnection() {
            throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction");
        }

        @GetMapping("/connection-lost")
        String connectionLost() {
            throw new DataAccessResourceFailureException("An I/O error occurred while sending to the backend");
        }

        @GetMapping("/rollback-failed")
        String rollbackFailed() {
            throw new org.springframework.orm.jpa.JpaSystemException(new RuntimeException(
                    "Unable to rollback against JDBC Connection",
                    new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006")));
        }

        /** As seen under load when PostgreSQL stopped: the rollback meets Hikari's closed-connection proxy. */
        @GetMapping("/rollback-on-a-closed-connection")
        String rollbackOnAClosedConnection() {
            throw new org.springframework.orm.jpa.JpaSystemException(new RuntimeException(
                    "Unable to rollback against JDBC Connection", new java.sql.SQLException("Connection is closed")));
        }

        @GetMapping("/a-bug")
        String aBug() {
            throw new org.springframework.orm.jpa.JpaSystemException(new RuntimeException("a mapping mistake"));
        }

        @GetMapping("/too-slow")
        String tooSlow() {
            throw new QueryTimeoutException("canceling statement due to statement timeout");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new NeedsTheDatabase())
            .setControllerAdvice(new DatabaseUnavailable())
            .build();

    @Test
    void everyWayTheDatabaseIsAwayIsA503WithRetryAfter() throws Exception {
        for (String path : new String[] {
            "/no-connection", "/connection-lost", "/too-slow", "/rollback-failed", "/rollback-on-a-closed-connection"
        }) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS))
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(view().name("error/503"));
        }
    }

    @Test
    void aFailureThatIsNotTheConnectionIsNotCalledAnOutage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mvc.perform(get("/a-bug")))
                .hasRootCauseMessage("a mapping mistake");
    }
}
