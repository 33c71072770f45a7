package io.brushwork.edit;

import io.brushwork.engine.LegacySizes;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ideogram's output sizes and aspect ratios, as its schema lists them, and how a request's value becomes a size.
 * The legacy routes write a size as {@code RESOLUTION_1024_768} and an aspect ratio as {@code ASPECT_16_9}; V3's
 * as {@code 1024x768} and {@code 16x9}. Clients generated from the schema refuse a {@code resolution} that is not
 * listed, so every size Brushwork answers with comes from these lists.
 */
public final class Resolutions {
    /** {@code Resolution} in Ideogram's OpenAPI description (the legacy routes). */
    static final List<Size> LEGACY = LegacySizes.RESOLUTIONS.stream().map(s -> parseOne(s, 'x').orElseThrow())
            .toList();

    /** {@code ResolutionV3} in Ideogram's OpenAPI description. */
    static final List<Size> V3 = parse(
            "512x1536 576x1408 576x1472 576x1536 640x1344 640x1408 640x1472 640x1536 704x1152 704x1216 704x1280 "
            + "704x1344 704x1408 704x1472 736x1312 768x1088 768x1216 768x1280 768x1344 800x1280 832x960 832x1024 "
            + "832x1088 832x1152 832x1216 832x1248 864x1152 896x960 896x1024 896x1088 896x1120 896x1152 960x832 "
            + "960x896 960x1024 960x1088 1024x832 1024x896 1024x960 1024x1024 1088x768 1088x832 1088x896 1088x960 "
            + "1120x896 1152x704 1152x832 1152x864 1152x896 1216x704 1216x768 1216x832 1248x832 1280x704 1280x768 "
            + "1280x800 1312x736 1344x640 1344x704 1344x768 1408x576 1408x640 1408x704 1472x576 1472x640 "
            + "1472x704 1536x512 1536x576 1536x640");

    /** The aspect ratios of V3's {@code AspectRatioV3}; the legacy {@code AspectRatio} is a subset. */
    private static final List<String> V3_ASPECTS = List.of("1x3", "3x1", "1x2", "2x1", "9x16", "16x9", "10x16",
            "16x10", "2x3", "3x2", "3x4", "4x3", "4x5", "5x4", "1x1");
    private static final List<String> LEGACY_ASPECTS = LegacySizes.ASPECT_RATIOS;

    private Resolutions() {
    }

    /** A width and height in pixels. */
    public record Size(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /** A legacy {@code resolution} field: {@code RESOLUTION_W_H}. */
    static Size legacy(String field, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        Optional<Size> size = v.startsWith("RESOLUTION_") ? parseOne(v.substring("RESOLUTION_".length()), '_')
                : Optional.empty();
        if (size.isEmpty() || !LEGACY.contains(size.get())) {
            throw new InvalidEditException(field + " must be one of Ideogram's resolutions, RESOLUTION_512_1536 to"
                    + " RESOLUTION_1536_640 (for example RESOLUTION_1024_1024); got " + Quoted.of(value));
        }
        return size.get();
    }

    /** A V3 {@code resolution} field: {@code WxH}. */
    static Size v3(String field, String value) {
        Optional<Size> size = parseOne(value.trim().toLowerCase(Locale.ROOT), 'x');
        if (size.isEmpty() || !V3.contains(size.get())) {
            throw new InvalidEditException(field + " must be one of Ideogram 3.0's resolutions, 512x1536 to"
                    + " 1536x640 (for example 1024x1024); got " + Quoted.of(value));
        }
        return size.get();
    }

    /** A legacy {@code aspect_ratio} ({@code ASPECT_16_9}) as the V3 size of that shape. */
    static Size legacyAspect(String field, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        String ratio = v.startsWith("ASPECT_") ? v.substring("ASPECT_".length()).replace('_', 'x') : "";
        if (!LEGACY_ASPECTS.contains(ratio)) {
            throw new InvalidEditException(field + " must be one of " + String.join(", ", LEGACY_ASPECTS.stream()
                    .map(a -> "ASPECT_" + a.replace('x', '_')).toList()) + "; got " + Quoted.of(value));
        }
        return ofAspect(ratio);
    }

    /** A V3 {@code aspect_ratio} ({@code 16x9}) as the V3 size of that shape. */
    static Size v3Aspect(String field, String value) {
        String ratio = value.trim().toLowerCase(Locale.ROOT);
        if (!V3_ASPECTS.contains(ratio)) {
            throw new InvalidEditException(field + " must be one of " + String.join(", ", V3_ASPECTS) + "; got "
                    + Quoted.of(value));
        }
        return ofAspect(ratio);
    }

    /** The listed V3 size nearest in shape to {@code width x height}, of about a megapixel. */
    public static Size nearestV3(int width, int height) {
        double ratio = (double) width / height;
        int[] size = OutputSize.IDEOGRAM_V3.of((int) Math.round(1024 * Math.sqrt(ratio)),
                (int) Math.round(1024 / Math.sqrt(ratio)));
        return new Size(size[0], size[1]);
    }

    private static Size ofAspect(String ratio) {
        String[] wh = ratio.split("x");
        return nearestV3(Integer.parseInt(wh[0]) * 1000, Integer.parseInt(wh[1]) * 1000);
    }

    private static Optional<Size> parseOne(String value, char separator) {
        int at = value.indexOf(separator);
        if (at < 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Size(Integer.parseInt(value.substring(0, at)),
                    Integer.parseInt(value.substring(at + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<Size> parse(String sizes) {
        return Arrays.stream(sizes.trim().split("\\s+")).map(s -> parseOne(s, 'x').orElseThrow()).toList();
    }
}
