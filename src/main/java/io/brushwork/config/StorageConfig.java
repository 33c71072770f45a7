package io.brushwork.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where state is kept, and for how long results are.
 *
 * @param data          the data directory: the database (unless {@code databaseUrl} names one), images, spooled
 *                      uploads and the first API key
 * @param databaseUrl   empty for SQLite in the data directory, else a {@code jdbc:postgresql:} URL that several
 *                      replicas share
 * @param imageTtl      how long image links and files live
 * @param sweepInterval how often expired images are deleted
 * @param minFreeDisk   free space below which no image is written and the server is not ready: the database and
 *                      the logs on the same disk need room too (with the file store)
 * @param images        where images' bytes are kept: files, or an S3 bucket
 */
public record StorageConfig(Path data, DatabaseUrl databaseUrl, Duration imageTtl, Duration sweepInterval,
                            long minFreeDisk, ImageStoreConfig images) {
    public static final Path DEFAULT_DATA = Path.of("./data");
    public static final Duration DEFAULT_IMAGE_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(10);
    public static final long DEFAULT_MIN_FREE_DISK = 128L * 1024 * 1024;

    public static StorageConfig from(ConfigValues v) {
        Path data = v.text("data").map(Path::of).orElse(DEFAULT_DATA);
        DatabaseUrl databaseUrl = DatabaseUrl.from(v, "database-url");
        Duration imageTtl = v.duration("image-ttl").orElse(DEFAULT_IMAGE_TTL);
        return new StorageConfig(data, databaseUrl, imageTtl,
                v.duration("sweep-interval").orElse(DEFAULT_SWEEP_INTERVAL),
                v.size("min-free-disk").orElse(DEFAULT_MIN_FREE_DISK),
                ImageStoreConfig.from(v, imageTtl));
    }
}
