package io.brushwork.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite database in the data directory, migrated by Flyway when opened. Each operation takes its own
 * short-lived connection; WAL mode and a busy timeout let request threads and the sweeper share the file.
 */
public final class Database {
    private final SQLiteDataSource dataSource;
    private final Path file;

    private Database(Path file, SQLiteDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
    }

    public static Database open(Path dataDir) {
        createPrivateDirectory(dataDir);
        Path file = dataDir.resolve("brushwork.db");
        // It holds the link-signing secret: owner-only from the start (SQLite gives its WAL the same mode).
        PrivateFiles.create(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
        return new Database(file, ds);
    }

    /**
     * The data directory holds the link-signing secret and every result, so a new one is made readable by its owner
     * only. An existing directory is left as its owner set it.
     */
    private static void createPrivateDirectory(Path dir) {
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Work on one connection, for {@link #inTransaction}. */
    @FunctionalInterface
    interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on one connection and commits it whole, or rolls it all back when it fails. */
    void inTransaction(SqlWork work) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Whether a query goes through, for readiness checks. */
    public boolean isReachable() {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement("SELECT 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    public Optional<String> setting(String name) {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read setting " + name, e);
        }
    }

    /** Stores {@code value} unless the setting exists, and returns whichever value is now stored. */
    public String settingOrInsert(String name, String value) {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            st.setString(1, name);
            st.setString(2, value);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write setting " + name, e);
        }
        return setting(name).orElseThrow();
    }
}
