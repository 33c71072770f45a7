package io.brushwork.engine.remote;

import io.brushwork.engine.LegacySizes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How a size is written to Ideogram's legacy routes: {@code RESOLUTION_W_H} only for the sizes its
 * {@code Resolution} enum lists (Ideogram refuses any other), else the nearest {@code AspectRatio}. A job's size
 * comes from Ideogram's own lists, but V3's has one size the legacy {@link LegacySizes} lacks (800x1280).
 */
final class IdeogramSizes {
    private static final List<ImageSize> RESOLUTIONS = LegacySizes.RESOLUTIONS.stream().map(ImageSize::parse)
            .toList();
    private static final List<ImageSize> ASPECTS = LegacySizes.ASPECT_RATIOS.stream().map(ImageSize::parse)
            .toList();

    private IdeogramSizes() {
    }

    /** {@code RESOLUTION_W_H} when Ideogram lists the size. */
    static Optional<String> resolution(int width, int height) {
        ImageSize size = new ImageSize(width, height);
        return RESOLUTIONS.contains(size) ? Optional.of(resolution(size)) : Optional.empty();
    }

    /** The listed resolution nearest in shape, for {@code /reframe}, which takes no aspect ratio. */
    static String nearestResolution(int width, int height) {
        return resolution(ImageSize.closest(RESOLUTIONS, width, height));
    }

    /** {@code ASPECT_W_H}, the listed aspect ratio nearest to the size's. */
    static String aspect(int width, int height) {
        double shape = Math.log((double) width / height);
        ImageSize nearest = ASPECTS.stream().min(Comparator.comparingDouble(
                a -> Math.abs(Math.log((double) a.width() / a.height()) - shape))).orElseThrow();
        return "ASPECT_" + nearest.width() + "_" + nearest.height();
    }

    private static String resolution(ImageSize size) {
        return "RESOLUTION_" + size.width() + "_" + size.height();
    }
}
