package io.brushwork.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.brushwork.config.ConfigException;
import io.brushwork.config.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database, migrated by Flyway when opened: by default the embedded SQLite file in the data directory (WAL mode
 * and a busy timeout let request threads and the sweeper share it), or, with {@code database-url}, a PostgreSQL
 * that several replicas share through a small HikariCP pool. Each operation takes its own short-lived connection.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Connections per replica: request threads hold one only for a statement or two, never across an edit. */
    private static final int POOL_SIZE = 10;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Path file;

    private Database(Dialect dialect, Path file, DataSource dataSource) {
        this.dialect = dialect;
        this.file = file;
        this.dataSource = dataSource;
    }

    /** The embedded SQLite database in the data directory. */
    public static Database open(Path dataDir) {
        return open(dataDir, DatabaseUrl.SQLITE);
    }

    /** SQLite in the data directory, or the PostgreSQL {@code url} names; the data directory is made either way. */
    public static Database open(Path dataDir, DatabaseUrl url) {
        createPrivateDirectory(dataDir);
        Database db = url.postgresql().map(jdbc -> postgresql(jdbc, url.masked()))
                .orElseGet(() -> sqlite(dataDir.resolve("brushwork.db")));
        try {
            Flyway.configure()
                    .dataSource(db.dataSource)
                    .locations(db.dialect.migrations())
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static Database sqlite(Path file) {
        // It holds the link-signing secret: owner-only from the start (SQLite gives its WAL the same mode).
        PrivateFiles.create(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return new Database(Dialect.SQLITE, file, ds);
    }

    private static Database postgresql(String url, String masked) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("brushwork-db");
        config.setMaximumPoolSize(POOL_SIZE);
        try {
            HikariDataSource pool = new HikariDataSource(config);
            log.info("database: PostgreSQL at {}", masked);
            return new Database(Dialect.POSTGRESQL, null, pool);
        } catch (RuntimeException e) {
            // Like a port in use: one line that says what to check, not a stack trace. The driver's reason names the
            // host or the user, never the password; the URL is shown masked.
            Throwable reason = e;
            while (reason.getCause() != null) {
                reason = reason.getCause();
            }
            throw new ConfigException("cannot connect to the database at " + masked + " (" + reason.getMessage()
                    + "); check database-url");
        }
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

    /** The SQLite file; null on PostgreSQL. */
    public Path file() {
        return file;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Closes PostgreSQL's pool; SQLite's connections are closed one by one already. */
    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    /**
     * Runs {@code work} unless another replica is running the same task; returns whether it ran. On PostgreSQL the
     * task holds a session advisory lock for as long as it runs, so a replica that dies mid-task frees it with its
     * connection; on SQLite one server has the database to itself, so the work just runs.
     */
    public boolean runAlone(String task, Runnable work) {
        if (dialect == Dialect.SQLITE) {
            work.run();
            return true;
        }
        try (Connection c = connect()) {
            if (!advisoryLock(c, "pg_try_advisory_lock", task)) {
                return false;
            }
            try {
                work.run();
            } finally {
                advisoryLock(c, "pg_advisory_unlock", task);
            }
            return true;
        } catch (SQLException e) {
            throw new StoreException("cannot take the lock of " + task, e);
        }
    }

    /** Brushwork's advisory locks: this class id, then the task's name's hash, so other programs' locks differ. */
    private static boolean advisoryLock(Connection c, String function, String task) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            st.setInt(1, 0x42726873); // "Brhs"
            st.setInt(2, task.hashCode());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
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

    public void deleteSetting(String name) {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement("DELETE FROM settings WHERE name = ?")) {
            st.setString(1, name);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot delete setting " + name, e);
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
