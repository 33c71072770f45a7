package io.brushwork.auth;

import io.brushwork.store.Database;
import io.brushwork.store.RandomIds;
import io.brushwork.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-flight limits across replicas: each hold is a row of {@code inflight_leases} in the PostgreSQL they share, so
 * a key's limit holds for all of them together.
 *
 * <p>Taking or growing a hold is one round trip: two statements sent together, which PostgreSQL runs as one
 * transaction (one Sync). The first locks the key's row ({@code FOR NO KEY UPDATE}, which usage rows' foreign-key
 * checks do not wait for), so holds of one key are taken one after another; the second, with a snapshot taken once
 * the lock is held, counts the key's unexpired leases and writes its own only if the total stays within the limit.
 * Giving a hold back deletes its row.
 *
 * <p>A lease expires {@link #TTL} after it was last renewed. Every {@link #RENEW_EVERY}, each replica renews all of
 * its own leases in one statement and deletes expired ones, so an edit however long keeps its places, while a
 * replica that dies mid-edit gives them back within {@link #TTL}. Expiry is by the replicas' clocks, which must
 * agree to within seconds, as signed links' expiry already needs.
 */
final class InflightLeases implements InflightLimits {
    private static final Logger log = LoggerFactory.getLogger(InflightLeases.class);
    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration RENEW_EVERY = Duration.ofSeconds(15);

    private static final String LOCK_KEY = "SELECT 1 FROM api_keys WHERE id = ? FOR NO KEY UPDATE;\n";
    /** Images the key's other unexpired leases hold. */
    private static final String OTHERS = "(SELECT COALESCE(SUM(images), 0) FROM inflight_leases"
            + " WHERE key_id = ? AND expires_at > ? AND id <> ?)";
    private static final String TAKE = LOCK_KEY + "INSERT INTO inflight_leases (id, replica, key_id, images,"
            + " expires_at) SELECT ?, ?, ?, ?, ? WHERE " + OTHERS + " + ? <= ?";
    private static final String GROW = LOCK_KEY + "UPDATE inflight_leases SET images = ?, expires_at = ?"
            + " WHERE id = ? AND " + OTHERS + " + ? <= ?";

    private final Database db;
    private final Clock clock;
    /** This replica's name on its leases, new at every start: a restarted replica does not renew its old ones. */
    private final String replica = RandomIds.next(12);
    private final AtomicInteger held = new AtomicInteger();
    /**
     * The leases this replica holds open, the only ones it renews: a lease whose delete failed, or whose insert went
     * through though its answer was lost, then expires as any dead replica's would, instead of being renewed forever.
     */
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    private InflightLeases(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inflight-leases");
            t.setDaemon(true);
            return t;
        });
    }

    static InflightLeases start(Database db, Clock clock) {
        InflightLeases leases = new InflightLeases(db, clock);
        // Its own thread, not the housekeeping one: a long image sweep must not let live leases expire.
        leases.renewer.scheduleWithFixedDelay(leases::renewQuietly, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return leases;
    }

    private final class Lease implements Hold {
        private final String id = RandomIds.next(16);
        private final long keyId;
        private int images;
        private boolean released;

        private Lease(long keyId) {
            this.keyId = keyId;
        }

        @Override
        public boolean tryGrowTo(int total, int limit) {
            if (total <= images) {
                return true;
            }
            if (!tryWrite(GROW, this, total, limit)) {
                return false;
            }
            held.addAndGet(total - images);
            images = total;
            return true;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            open.remove(id);
            held.addAndGet(-images);
            try (Connection c = db.connect();
                 PreparedStatement st = c.prepareStatement("DELETE FROM inflight_leases WHERE id = ?")) {
                st.setString(1, id);
                st.executeUpdate();
            } catch (SQLException e) {
                // The answer is ready; failing it now would only get the edit done again. The lease expires.
                log.warn("cannot give back an in-flight lease of key {}; it expires within {} ({})", keyId, TTL,
                        e.getMessage());
            }
        }
    }

    @Override
    public Hold tryHold(long keyId, int images, int limit) {
        Lease lease = new Lease(keyId);
        if (!tryWrite(TAKE, lease, images, limit)) {
            return null;
        }
        lease.images = images;
        held.addAndGet(images);
        open.add(lease.id);
        return lease;
    }

    /** Takes ({@link #TAKE}) or grows ({@link #GROW}) a lease to {@code images}; false when over the limit. */
    private boolean tryWrite(String sql, Lease lease, int images, int limit) {
        long now = clock.millis();
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setLong(i++, lease.keyId);
            if (sql.equals(TAKE)) {
                st.setString(i++, lease.id);
                st.setString(i++, replica);
                st.setLong(i++, lease.keyId);
                st.setInt(i++, images);
                st.setLong(i++, now + TTL.toMillis());
            } else {
                st.setInt(i++, images);
                st.setLong(i++, now + TTL.toMillis());
                st.setString(i++, lease.id);
            }
            st.setLong(i++, lease.keyId);
            st.setLong(i++, now);
            st.setString(i++, lease.id);
            st.setInt(i++, images);
            st.setInt(i, limit);
            st.execute(); // the key's lock: a result set
            st.getMoreResults(); // then the insert or update
            return st.getUpdateCount() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot take an in-flight lease for key " + lease.keyId, e);
        }
    }

    /** Extends this replica's leases and deletes everyone's expired ones; package-private for tests. */
    void renew() {
        long now = clock.millis();
        try (Connection c = db.connect();
             PreparedStatement extend = c.prepareStatement(
                     "UPDATE inflight_leases SET expires_at = ? WHERE replica = ? AND id = ANY (?)");
             PreparedStatement expired = c.prepareStatement("DELETE FROM inflight_leases WHERE expires_at <= ?")) {
            Object[] ids = open.toArray();
            if (ids.length > 0) {
                extend.setLong(1, now + TTL.toMillis());
                extend.setString(2, replica);
                extend.setArray(3, c.createArrayOf("text", ids));
                extend.executeUpdate();
            }
            expired.setLong(1, now);
            expired.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot renew in-flight leases", e);
        }
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next renewal may well go through.
            log.warn("cannot renew this replica's in-flight leases; they expire {} after their last renewal", TTL, e);
        }
    }

    @Override
    public int total() {
        return held.get();
    }

    @Override
    public int inflight(long keyId) {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT COALESCE(SUM(images), 0) FROM inflight_leases WHERE key_id = ? AND expires_at > ?")) {
            st.setLong(1, keyId);
            st.setLong(2, clock.millis());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count in-flight leases for key " + keyId, e);
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
