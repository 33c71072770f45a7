package io.brushwork.store;

import io.brushwork.config.StorageConfig;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Result images: a database row each (owner, hash, size, expiry) and their bytes in {@link ImageBlobs}. The row is
 * inserted first, then the bytes are stored, so a crash in between leaves a row with no image (a 404, swept at
 * expiry), never an image that nothing would ever delete.
 */
public final class ImageStore implements AutoCloseable {
    /** How long past its expiry a file is kept before it is taken for an orphan: the clocks of replicas may differ. */
    private static final Duration ORPHAN_MARGIN = Duration.ofHours(1);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final Database db;
    private final ImageBlobs blobs;
    private final Clock clock;
    private final Duration ttl;

    public ImageStore(Database db, ImageBlobs blobs, Clock clock, Duration ttl) {
        this.db = db;
        this.blobs = blobs;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The store the configuration names: files under the data directory unless {@code image-store} says S3. */
    public static ImageStore open(Database db, StorageConfig storage, Clock clock) {
        ImageBlobs blobs = storage.images().s3().isPresent() ? S3ImageBlobs.open(storage.images())
                : new FileImageBlobs(storage.data().resolve("images"), storage.minFreeDisk());
        return new ImageStore(db, blobs, clock, storage.imageTtl());
    }

    /**
     * Keeps an image for the store's time to live; its bytes are stored when this returns.
     *
     * @throws DiskFullException when the store has no room for it now
     */
    public StoredImage put(byte[] png, Long keyId) {
        String id = RandomIds.next(16);
        Instant now = clock.instant();
        StoredImage image = new StoredImage(id, sha256(png), png.length, now, now.plus(ttl));
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO images (id, key_id, sha256, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setObject(2, keyId);
            st.setString(3, image.sha256());
            st.setLong(4, image.size());
            st.setLong(5, now.toEpochMilli());
            st.setLong(6, image.expiresAt().toEpochMilli());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record image " + id, e);
        }
        try {
            blobs.put(id, png);
        } catch (RuntimeException e) {
            deleteRow(id);
            throw e;
        }
        return image;
    }

    /** Removes an image at once, bytes and row, as if it had expired. */
    public void delete(String id) {
        if (ID.matcher(id).matches() && blobs.delete(id)) {
            deleteRow(id);
        }
    }

    /** The stored image with this id, if it has a row; expiry is the caller's concern. */
    public Optional<StoredImage> find(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT sha256, size, created_at, expires_at FROM images WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredImage(id, rs.getString(1), rs.getLong(2),
                        Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4))));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot look up image " + id, e);
        }
    }

    /** Whether a found image's bytes are still there (a crash between its row and its bytes leaves them out). */
    public boolean exists(StoredImage image) {
        return blobs.exists(image.id());
    }

    /** {@code length} bytes of a found image from {@code start}; empty when its bytes are gone (swept meanwhile). */
    public Optional<InputStream> open(StoredImage image, long start, long length) {
        return blobs.open(image.id(), start, length);
    }

    /** A URL that fetches the image from the store itself until it expires, where the store can make one. */
    public Optional<String> directUrl(StoredImage image) {
        return blobs.directUrl(image.id(), Duration.between(clock.instant(), image.expiresAt()));
    }

    /**
     * A link like those {@link #directUrl} makes, to an image that need not exist (making a link reads nothing), for
     * whoever needs to know where such links point.
     */
    public Optional<URI> sampleDirectUrl() {
        return blobs.directUrl("sample", Duration.ofMinutes(1)).map(URI::create);
    }

    /**
     * Deletes every image whose links have expired, bytes first, then row; returns how many went. Each step is
     * idempotent (deleting what is gone succeeds), so two servers sweeping the same store at once do no harm.
     */
    /**
     * Deletes this server's stored bytes whose row is gone and which are older than any link to them could be, by an
     * hour: run by every replica, not one at a time, since each may have files of its own whose rows another
     * replica's sweep removed. Bytes with a row are the sweep's, so a lowered {@code image-ttl} takes nothing early.
     */
    public int removeOrphans() {
        return blobs.removeOrphansWrittenBefore(clock.instant().minus(ttl).minus(ORPHAN_MARGIN),
                id -> find(id).isPresent());
    }

    public int sweep() {
        long now = clock.millis();
        List<String> expired = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement st = c.prepareStatement("SELECT id FROM images WHERE expires_at <= ?")) {
            st.setLong(1, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    expired.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list expired images", e);
        }
        int removed = 0;
        for (String id : expired) {
            if (blobs.delete(id)) {
                deleteRow(id); // only once the bytes are gone, so the next sweep retries what would not go
                removed++;
            }
        }
        return removed;
    }

    private void deleteRow(String id) {
        try (Connection c = db.connect();
             PreparedStatement st = c.prepareStatement("DELETE FROM images WHERE id = ?")) {
            st.setString(1, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot delete image row " + id, e);
        }
    }

    /** Clears what a crashed write left behind. Call once at start-up, before serving. */
    public int removeUnfinished() {
        return blobs.removeUnfinished();
    }

    /** Empty when images can be stored now, else why not, for readiness checks. */
    public Optional<String> unready() {
        return blobs.unready();
    }

    @Override
    public void close() {
        blobs.close();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
