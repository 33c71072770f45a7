package io.brushwork.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a Brushwork process is configured with. Built by {@link ConfigLoader} from defaults, a YAML file,
 * {@code BRUSHWORK_*} environment variables and command-line flags, in that order of precedence (flags win).
 *
 * @param publicUrl base of the image URLs in responses; empty means "the scheme and Host the client used"
 */
public record BrushworkConfig(
        String host,
        int port,
        Path data,
        Optional<String> publicUrl,
        Duration imageTtl,
        Duration sweepInterval,
        long maxFileSize,
        long maxPixels,
        int workers,
        int queue,
        boolean auth,
        Map<String, ModelRoute> models) {

    public BrushworkConfig {
        models = Map.copyOf(models);
    }

    public BrushworkConfig withData(Path dir) {
        return new BrushworkConfig(host, port, dir, publicUrl, imageTtl, sweepInterval, maxFileSize, maxPixels,
                workers, queue, auth, models);
    }
}
