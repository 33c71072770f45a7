package io.brushwork.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where state is kept, and for how long results are.
 *
 * @param data          the data directory: the database, images, spooled uploads and the first API key
 * @param imageTtl      how long image links and files live
 * @param sweepInterval how often expired images are deleted
 */
public record StorageConfig(Path data, Duration imageTtl, Duration sweepInterval) {
    public static final Path DEFAULT_DATA = Path.of("./data");
    public static final Duration DEFAULT_IMAGE_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(10);

    public static StorageConfig from(ConfigValues v) {
        return new StorageConfig(
                v.text("data").map(Path::of).orElse(DEFAULT_DATA),
                v.duration("image-ttl").orElse(DEFAULT_IMAGE_TTL),
                v.duration("sweep-interval").orElse(DEFAULT_SWEEP_INTERVAL));
    }
}
