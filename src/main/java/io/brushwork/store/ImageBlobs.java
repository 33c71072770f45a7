package io.brushwork.store;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where result images' bytes live, by image id: files in the data directory, or objects in an S3 bucket. The
 * {@link ImageStore} keeps the rows (expiry, owner, hash) and calls this for the bytes.
 */
public interface ImageBlobs extends AutoCloseable {

    /**
     * Stores the bytes before returning, so a link handed out afterwards always finds them.
     *
     * @throws DiskFullException when the store has no room for them now
     * @throws StoreException    when they could not be stored
     */
    void put(String id, byte[] png);

    /**
     * {@code length} bytes from {@code start} (both within what {@link #put} stored), as a stream the caller closes;
     * empty when the image is not there.
     */
    Optional<InputStream> open(String id, long start, long length);

    /** Whether the image's bytes are there, without reading them (HEAD and 304 answer as GET would). */
    boolean exists(String id);

    /** Deletes the image's bytes; true when they are gone now, including when they never were or went before. */
    boolean delete(String id);

    /**
     * Deletes stored bytes last written before {@code cutoff} that no row names any more: with several replicas on
     * one database and files of their own, another replica's sweep may delete a row whose file is here. Stores that
     * every replica's sweep reaches (S3) have nothing to do.
     *
     * @param hasRow whether an image id still has its row; such bytes are kept, however old
     * @return how many were deleted
     */
    default int removeOrphansWrittenBefore(Instant cutoff, Predicate<String> hasRow) {
        return 0;
    }

    /** Empty when images can be stored now, else why not, for readiness checks. */
    Optional<String> unready();

    /** Clears what a crashed {@link #put} left half-done; returns how much. Called once at start-up. */
    int removeUnfinished();

    /** A URL that fetches the image from the store itself for {@code ttl}, where the store can make one. */
    default Optional<String> directUrl(String id, Duration ttl) {
        return Optional.empty();
    }

    /** Lets go of connections; files have none. */
    @Override
    default void close() {
    }
}
