package io.brushwork.edit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished edit: what the pipeline made and where each image was kept.
 *
 * @param locations one per image, in order: where the {@link ResultStore} kept it; empty for an unsafe image,
 *                  which is never kept
 * @param store     time spent keeping the images
 */
public record Edited(EditResult result, List<Optional<String>> locations, Duration store) {
    public Edited {
        locations = List.copyOf(locations);
    }

    /** The images that were kept, as the usage row counts them. */
    public int kept() {
        return (int) locations.stream().filter(Optional::isPresent).count();
    }
}
