package com.bestever.system;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Migrations may take minutes on a large archive (V142 builds a GIN index over every review: about
 * two minutes at 100,000 reviews on a 2-core machine). The pool's connections give up on a read
 * after 30 s ({@code socketTimeout}, so that a page never hangs on a database that went away), which
 * would cut such a migration off halfway through every start. Flyway's connections wait as long
 * as the migration takes; the pool sets the timeout back when they return
 * ({@code statement_timeout} is lifted by {@code spring.flyway.init-sqls}).
 */
@Component
class MigrationConnections implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        DataSource pool = configuration.getDataSource();
        if (pool == null) {
            return;
        }
        configuration.dataSource(new DelegatingDataSource(pool) {
            @Override
            public Connection getConnection() throws SQLException {
                return withoutReadTimeout(super.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return withoutReadTimeout(super.getConnection(username, password));
            }
        });
    }

    private static Connection withoutReadTimeout(Connection connection) throws SQLException {
        connection.setNetworkTimeout(Runnable::run, 0);
        return connection;
    }
}
