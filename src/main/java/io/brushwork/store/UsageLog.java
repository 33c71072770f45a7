package io.brushwork.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage table: one row per edit request (except those refused before any key was known, which
 * {@link RefusedRequests} counts), and the per-key, per-day totals that {@code brushwork usage} prints.
 */
public final class UsageLog {
    private static final String INSERT = "INSERT INTO usage (request_id, key_id, route, model, engine, images,"
            + " status, duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;

    public UsageLog(Database db) {
        this.db = db;
    }

    /** Writes one row now; throws when the database does not take it. */
    public void record(UsageRecord r) {
        recordAll(List.of(r));
    }

    /**
     * Writes rows in their order, all or none, so that rows kept while the database failed are written in one go
     * and a failed attempt leaves nothing to write twice.
     */
    void recordAll(List<UsageRecord> rows) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement st = c.prepareStatement(INSERT)) {
                    for (UsageRecord r : rows) {
                        st.setString(1, r.requestId());
                        st.setObject(2, r.keyId());
                        st.setString(3, r.route());
                        st.setString(4, r.model());
                        st.setString(5, r.engine());
                        st.setInt(6, r.images());
                        st.setInt(7, r.status());
                        st.setLong(8, r.duration().toMillis());
                        st.setLong(9, r.at().toEpochMilli());
                        st.addBatch();
                    }
                    st.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw new StoreException(rows.size() == 1 ? "cannot record usage for request " + rows.get(0).requestId()
                    : "cannot record " + rows.size() + " usage rows", e);
        }
    }

    public List<UsageSummary> perKeyAndDay() {
        // k.name is grouped by too, though the key id decides it: PostgreSQL asks for every column it returns. Rows
        // with no key come first on both (SQLite's default, PostgreSQL's only when asked).
        String sql = "SELECT " + db.dialect().utcDay("u.created_at") + " AS day, u.key_id, k.name, COUNT(*),"
                + " SUM(CASE WHEN u.status = 200 THEN 1 ELSE 0 END), SUM(u.images)"
                + " FROM usage u LEFT JOIN api_keys k ON k.id = u.key_id"
                + " GROUP BY day, u.key_id, k.name ORDER BY day, u.key_id NULLS FIRST";
        List<UsageSummary> rows = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long keyId = rs.getLong(2);
                Long key = rs.wasNull() ? null : keyId;
                rows.add(new UsageSummary(rs.getString(1), key, rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read usage", e);
        }
        return rows;
    }

    /** All rows for one request id, newest last; for tests and support. */
    public List<UsageRecord> forRequest(String requestId) {
        List<UsageRecord> rows = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT key_id, route, model, engine, images, status, duration_ms, created_at FROM usage"
                        + " WHERE request_id = ? ORDER BY id")) {
            st.setString(1, requestId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long keyId = rs.getLong(1);
                    Long key = rs.wasNull() ? null : keyId;
                    rows.add(new UsageRecord(requestId, key, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), Duration.ofMillis(rs.getLong(7)),
                            Instant.ofEpochMilli(rs.getLong(8))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read usage for request " + requestId, e);
        }
        return rows;
    }
}
