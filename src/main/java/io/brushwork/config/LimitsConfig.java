package io.brushwork.config;

import java.time.Duration;

/**
 * How much one request, one key and the whole server may take on.
 *
 * @param maxFileSize bytes per uploaded file
 * @param maxPixels   width × height limit per image
 * @param workers     edits running at once
 * @param queue       edits waiting for a worker; beyond it, 503
 * @param uploads     uploads read at once, apart from the workers and the queue; beyond it, 503
 * @param maxInflight images a key may have in flight at once, unless the key sets its own limit
 * @param minUploadRate bytes a second an upload must average once it has started, or it is cut off (408): a client
 *                      trickling its body cannot hold a reading place for as long as it likes
 * @param uploadTimeout the longest an upload's body may take, however fast it arrives (408 after it)
 * @param headerTimeout the longest a request's line and headers may take to arrive; the connection is closed after it
 */
public record LimitsConfig(long maxFileSize, long maxPixels, int workers, int queue, int uploads, int maxInflight,
                           long minUploadRate, Duration uploadTimeout, Duration headerTimeout) {
    public static final long DEFAULT_MAX_FILE_SIZE = 25L * 1024 * 1024;
    /**
     * An average since the body's first byte, so it is low: a client that stalls right after its first packets
     * must not be cut off, while one that sends a byte every few seconds is, within a second or two.
     */
    public static final long DEFAULT_MIN_UPLOAD_RATE = 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000;
    public static final int DEFAULT_MAX_INFLIGHT = 10;
    /** Five minutes: the largest form (two 25 MB files) then needs about 170 KB a second, a slow phone uplink. */
    public static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofMinutes(5);
    /** As nginx's {@code client_header_timeout}, shorter: headers are a few hundred bytes. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(20);

    /** One edit per core: the fills are CPU-bound. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static int defaultQueue() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * A reading upload holds a thread and a few small parts in memory (larger ones are spooled to disk), so there can
     * be more of them than places for computing: as many again as the workers and the queue, times four.
     */
    public static int defaultUploads(int workers, int queue) {
        return 4 * (workers + queue);
    }

    public static LimitsConfig from(ConfigValues v) {
        long maxFileSize = v.size("max-file-size").orElse(DEFAULT_MAX_FILE_SIZE);
        long maxPixels = v.longInteger("max-pixels", 1, Long.MAX_VALUE).orElse(DEFAULT_MAX_PIXELS);
        int workers = v.integer("workers", 1, 1024).orElseGet(LimitsConfig::defaultWorkers);
        int queue = v.integer("queue", 0, 1_000_000).orElseGet(LimitsConfig::defaultQueue);
        return new LimitsConfig(maxFileSize, maxPixels, workers, queue,
                // From the workers and queue as configured, as the README says, not the machine's defaults.
                v.integer("max-uploads", 1, 100_000).orElse(defaultUploads(workers, queue)),
                v.integer("max-inflight", 1, 1_000_000).orElse(DEFAULT_MAX_INFLIGHT),
                v.size("min-upload-rate").orElse(DEFAULT_MIN_UPLOAD_RATE),
                v.duration("upload-timeout").orElse(DEFAULT_UPLOAD_TIMEOUT),
                v.duration("header-timeout").orElse(DEFAULT_HEADER_TIMEOUT));
    }
}
