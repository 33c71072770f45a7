package io.brushwork.testing;

import io.brushwork.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table that refuses every insert, as SQLite refuses writes on a full disk, until {@link #close()}: a trigger
 * aborts each insert with SQLite's own error. A read-only database file would be closer to a full disk, but file
 * modes do not stop root, which CI containers often run as.
 */
public final class TableOutage implements AutoCloseable {
    private final Database db;
    private final String trigger;

    private TableOutage(Database db, String trigger) {
        this.db = db;
        this.trigger = trigger;
    }

    public static TableOutage refuseInserts(Database db, String table) {
        String trigger = "outage_" + table;
        execute(db, "CREATE TRIGGER " + trigger + " BEFORE INSERT ON " + table
                + " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
        return new TableOutage(db, trigger);
    }

    /** The table takes inserts again. */
    @Override
    public void close() {
        execute(db, "DROP TRIGGER IF EXISTS " + trigger);
    }

    private static void execute(Database db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
