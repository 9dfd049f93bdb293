package com.bestever.support;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.springframework.stereotype.Component;

/** Counts the SQL statements a piece of work runs, from Hibernate's statistics. */
@Component
public class SqlStatements {

    private final Statistics statistics;

    SqlStatements(EntityManagerFactory entityManagerFactory) {
        this.statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
    }

    /** Runs the work and answers how many statements it prepared. */
    public long countDuring(ThrowingRunnable work) throws Exception {
        statistics.clear();
        work.run();
        return statistics.getPrepareStatementCount();
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
