package io.brushwork.testing;

import io.brushwork.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What a test counts in the database: rows, never time. */
public final class TableRows {
    private TableRows() {
    }

    /** The rows of {@code table} that match {@code where} (an SQL condition, {@code TRUE} for all). */
    public static long count(Database db, String table, String where) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
