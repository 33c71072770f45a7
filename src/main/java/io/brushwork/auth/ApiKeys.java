package io.brushwork.auth;

import io.brushwork.store.Database;
import io.brushwork.store.RandomIds;
import io.brushwork.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * API keys: 256 random bits, shown once at creation and stored only as a SHA-256 hash. A fast hash is enough here
 * (unlike for passwords) because the secret is random and too long to guess, so a slow hash would only slow every
 * request.
 */
public final class ApiKeys {
    private static final String PREFIX = "bw_";
    private static final int SHOWN_PREFIX = 10;

    private final Database db;
    private final Clock clock;

    public ApiKeys(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public NewApiKey create(String name) {
        return create(name, OptionalInt.empty());
    }

    /** @param maxInflight images the key may have in flight at once; empty for the server's default */
    public NewApiKey create(String name, OptionalInt maxInflight) {
        String secret = PREFIX + RandomIds.next(32);
        Instant now = clock.instant();
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO api_keys (name, key_hash, key_prefix, created_at, max_inflight) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, name);
            st.setString(2, hash(secret));
            st.setString(3, secret.substring(0, SHOWN_PREFIX));
            st.setLong(4, now.toEpochMilli());
            st.setObject(5, maxInflight.isPresent() ? maxInflight.getAsInt() : null);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return new NewApiKey(new ApiKey(id, name, secret.substring(0, SHOWN_PREFIX), now, Optional.empty(),
                        maxInflight), secret);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot create API key", e);
        }
    }

    public List<ApiKey> list() {
        List<ApiKey> keys = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT id, name, key_prefix, created_at, revoked_at, max_inflight FROM api_keys ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                keys.add(read(rs));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list API keys", e);
        }
        return keys;
    }

    public boolean isEmpty() {
        return list().isEmpty();
    }

    /**
     * Removes a key as if it had never been made: only for one nobody can have used yet (the first key, when its
     * file could not be written), so that the next start makes a new one.
     */
    public void delete(long id) {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM api_keys WHERE id = ?")) {
            st.setLong(1, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot delete API key " + id, e);
        }
    }

    /** Revokes a key; returns false if there is no such key. Revoking twice keeps the first time. */
    public boolean revoke(long id) {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
            st.setLong(1, clock.millis());
            st.setLong(2, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot revoke API key " + id, e);
        }
    }

    /** Sets a key's in-flight limit (empty: back to the server's default); returns false if there is no such key. */
    public boolean setMaxInflight(long id, OptionalInt maxInflight) {
        try (Connection c = db.connect();
             PreparedStatement st = c.prepareStatement("UPDATE api_keys SET max_inflight = ? WHERE id = ?")) {
            st.setObject(1, maxInflight.isPresent() ? maxInflight.getAsInt() : null);
            st.setLong(2, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot update API key " + id, e);
        }
    }

    public KeyCheck check(String secret) {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT id, name, key_prefix, created_at, revoked_at, max_inflight FROM api_keys WHERE key_hash = ?")) {
            st.setString(1, hash(secret));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new KeyCheck.Unknown();
                }
                ApiKey key = read(rs);
                return key.isRevoked() ? new KeyCheck.Revoked(key) : new KeyCheck.Valid(key);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot check API key", e);
        }
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        long revoked = rs.getLong(5);
        Optional<Instant> revokedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
        int limit = rs.getInt(6);
        OptionalInt maxInflight = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(limit);
        return new ApiKey(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                revokedAt, maxInflight);
    }

    private static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
