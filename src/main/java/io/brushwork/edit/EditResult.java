package io.brushwork.edit;

import java.time.Duration;
import java.util.List;

/**
 * What the pipeline made, which backend made it (for a routed model, the backends that served it, comma-separated),
 * and where the time went.
 */
public record EditResult(List<EditedImage> images, String engine, Duration decode, Duration engineTime,
                         Duration encode) {
    public EditResult {
        images = List.copyOf(images);
    }
}
