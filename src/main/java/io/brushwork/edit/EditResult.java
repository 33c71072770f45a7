package io.brushwork.edit;

import java.time.Duration;
import java.util.List;

/**
 * What the pipeline made, which backends made it (one per image at most; a route may fail over between images),
 * and where the time went.
 *
 * @param backends the backends that served, in order of first use; empty when nothing was masked
 */
public record EditResult(List<EditedImage> images, List<String> backends, Duration decode, Duration engineTime,
                         Duration encode) {
    public EditResult {
        images = List.copyOf(images);
        backends = List.copyOf(backends);
    }
}
