package io.brushwork.edit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished edit: each image with where it was kept, the backends that served, and where the time went.
 *
 * @param backends the backends that made the images, in order of first use; empty when nothing was masked
 */
public record Edited(List<Image> images, List<String> backends, Timings timings) {
    public Edited {
        images = List.copyOf(images);
        backends = List.copyOf(backends);
    }

    /**
     * One image of the edit.
     *
     * @param location where the {@link ResultStore} kept it; empty for an image that failed the image safety
     *                 check, which is never kept
     */
    public record Image(EditedImage image, Optional<String> location) {
    }

    /** Time spent decoding, in the engines, encoding PNGs and keeping the images. */
    public record Timings(Duration decode, Duration engine, Duration encode, Duration store) {
    }

    /** The images that were kept, as the usage row counts them. */
    public int kept() {
        return (int) images.stream().filter(i -> i.location().isPresent()).count();
    }
}
