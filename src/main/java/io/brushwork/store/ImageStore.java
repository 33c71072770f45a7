package io.brushwork.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Result images on disk ({@code <data>/images/<id>.png}) with a database row each. The row is inserted first; the
 * file is written under a temporary name and moved into place, so a reader never sees half an image and a crash
 * leaves at most a temporary file, which the next start removes.
 */
public final class ImageStore {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final String TEMP_SUFFIX = ".tmp";

    private final Database db;
    private final Path dir;
    private final Clock clock;
    private final Duration ttl;
    private final long minFreeBytes;

    /** @param minFreeBytes free space the disk must keep: an image that would go below it is not written */
    public ImageStore(Database db, Path dir, Clock clock, Duration ttl, long minFreeBytes) {
        this.db = db;
        this.dir = dir;
        this.clock = clock;
        this.ttl = ttl;
        this.minFreeBytes = minFreeBytes;
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create image directory " + dir, e);
        }
    }

    public Path directory() {
        return dir;
    }

    /**
     * Keeps an image for the store's time to live.
     *
     * @throws DiskFullException when writing it would leave less than the free-space floor, or the disk filled up
     */
    public StoredImage put(byte[] png, Long keyId) {
        requireRoomFor(png.length, null);
        String id = RandomIds.next(16);
        Instant now = clock.instant();
        StoredImage image = new StoredImage(id, sha256(png), png.length, now, now.plus(ttl));
        // Row first, then the file: a crash in between leaves a row whose file is missing (a 404, swept at expiry),
        // never a file that nothing would ever delete.
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
        Path temp = dir.resolve("." + id + TEMP_SUFFIX);
        try {
            PrivateFiles.write(temp, png);
            move(temp, file(id));
            PrivateFiles.syncDirectory(dir); // the rename itself, so a power cut cannot lose a linked file
        } catch (IOException e) {
            deleteQuietly(temp);
            deleteRow(id);
            requireRoomFor(png.length, e);
            throw new StoreException("cannot write image " + id, e);
        }
        return image;
    }

    /** Removes an image at once, file and row, as if it had expired. */
    public void delete(String id) {
        if (ID.matcher(id).matches()) {
            deleteQuietly(file(id));
            deleteRow(id);
        }
    }

    /** Free bytes on the image directory's disk, as this process may use them. */
    public long freeBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new StoreException("cannot read the free space of " + dir, e);
        }
    }

    /** Whether the disk is above its floor, for readiness checks; empty when it is, else what is free. */
    public Optional<String> lowOnDisk() {
        long free = freeBytes();
        return free >= minFreeBytes ? Optional.empty() : Optional.of("low on disk: " + megabytes(free)
                + " free, less than the " + megabytes(minFreeBytes) + " floor (min-free-disk)");
    }

    private void requireRoomFor(long bytes, IOException cause) {
        long free = freeBytes();
        if (free - bytes < minFreeBytes) {
            throw new DiskFullException("the server's disk is full: " + megabytes(free) + " free, and images are"
                    + " kept only above " + megabytes(minFreeBytes), cause);
        }
    }

    private static String megabytes(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }

    /** The stored image with this id, if it exists and its file is present; expiry is the caller's concern. */
    public Optional<StoredImage> find(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT sha256, size, created_at, expires_at FROM images WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || !Files.exists(file(id))) {
                    return Optional.empty();
                }
                return Optional.of(new StoredImage(id, rs.getString(1), rs.getLong(2),
                        Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4))));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot look up image " + id, e);
        }
    }

    public Path file(String id) {
        return dir.resolve(id + ".png");
    }

    /** Deletes every image whose links have expired, file first, then row; returns how many went. */
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
            if (deleteQuietly(file(id))) {
                deleteRow(id); // only once the file is gone, so the next sweep retries a file that would not go
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

    /** Removes temporary files a crashed write left behind. Call once at start-up, before serving. */
    public int removeTemporaryFiles() {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                deleteQuietly(f);
                removed++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return removed;
    }

    /** Whether a file can be created in the image directory, for readiness checks. */
    public boolean isWritable() {
        try {
            Path probe = Files.createTempFile(dir, ".ready", TEMP_SUFFIX);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether the file is gone now. */
    private static boolean deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException e) {
            return false; // the next sweep or start tries again
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
