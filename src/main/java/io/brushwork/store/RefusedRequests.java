package io.brushwork.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The refused_requests table: edit requests refused before any key was known, counted per UTC minute, route and
 * answer rather than written one row each, and the per-day totals that {@code brushwork usage} prints.
 */
public final class RefusedRequests {
    private final Database db;

    public RefusedRequests(Database db) {
        this.db = db;
    }

    /** Adds counts to the table's, all or none. */
    void add(Map<RefusedMinute, Long> counts) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO refused_requests"
                        + " (minute, route, status, count) VALUES (?, ?, ?, ?) ON CONFLICT (minute, route, status)"
                        + " DO UPDATE SET count = refused_requests.count + excluded.count")) {
                    for (Map.Entry<RefusedMinute, Long> e : counts.entrySet()) {
                        st.setLong(1, e.getKey().minute().toEpochMilli());
                        st.setString(2, e.getKey().route());
                        st.setInt(3, e.getKey().status());
                        st.setLong(4, e.getValue());
                        st.addBatch();
                    }
                    st.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot count refused requests", e);
        }
    }

    public List<RefusedSummary> perDay() {
        String sql = "SELECT " + db.dialect().utcDay("minute") + " AS day, route, status, SUM(count)"
                + " FROM refused_requests GROUP BY day, route, status ORDER BY day, route, status";
        List<RefusedSummary> rows = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                rows.add(new RefusedSummary(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read refused requests", e);
        }
        return rows;
    }
}
