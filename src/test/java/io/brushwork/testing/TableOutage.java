package io.brushwork.testing;

import io.brushwork.store.Database;
import io.brushwork.store.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table that refuses every insert, as SQLite refuses writes on a full disk, until {@link #close()}: a trigger
 * aborts each insert with the database's own error. A read-only database file would be closer to a full disk, but
 * file modes do not stop root, which CI containers often run as.
 */
public final class TableOutage implements AutoCloseable {
    private final Database db;
    private final String table;
    private final String trigger;

    private TableOutage(Database db, String table, String trigger) {
        this.db = db;
        this.table = table;
        this.trigger = trigger;
    }

    public static TableOutage refuseInserts(Database db, String table) {
        String trigger = "outage_" + table;
        if (db.dialect() == Dialect.SQLITE) {
            execute(db, "CREATE TRIGGER " + trigger + " BEFORE INSERT ON " + table
                    + " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
        } else {
            execute(db, "CREATE OR REPLACE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$");
            execute(db, "CREATE TRIGGER " + trigger + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE"
                    + " FUNCTION " + trigger + "()");
        }
        return new TableOutage(db, table, trigger);
    }

    /** The table takes inserts again. */
    @Override
    public void close() {
        execute(db, "DROP TRIGGER IF EXISTS " + trigger + (db.dialect() == Dialect.SQLITE ? "" : " ON " + table));
    }

    private static void execute(Database db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
