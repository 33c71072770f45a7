package io.brushwork.edit;

import java.util.List;

/**
 * The size an edit's images come out at. The legacy edit keeps the photo's size. Ideogram 3.0's schema gives a V3
 * result's {@code resolution} as one of its output sizes, and clients generated from that schema refuse any other,
 * so a V3 edit comes out at the listed size whose shape is closest to the photo's, as Ideogram's own does.
 */
public enum OutputSize {
    /** The photo's own width and height. */
    INPUT,
    /** The nearest of Ideogram 3.0's output sizes ({@code ResolutionV3}) in shape, then in area. */
    IDEOGRAM_V3;

    /** {@code ResolutionV3} in Ideogram's OpenAPI description, as width and height. */
    private static final List<int[]> V3_SIZES = parse("512x1536 576x1408 576x1472 576x1536 640x1344 640x1408"
            + " 640x1472 640x1536 704x1152 704x1216 704x1280 704x1344 704x1408 704x1472 736x1312 768x1088 768x1216"
            + " 768x1280 768x1344 800x1280 832x960 832x1024 832x1088 832x1152 832x1216 832x1248 864x1152 896x960"
            + " 896x1024 896x1088 896x1120 896x1152 960x832 960x896 960x1024 960x1088 1024x832 1024x896 1024x960"
            + " 1024x1024 1088x768 1088x832 1088x896 1088x960 1120x896 1152x704 1152x832 1152x864 1152x896"
            + " 1216x704 1216x768 1216x832 1248x832 1280x704 1280x768 1280x800 1312x736 1344x640 1344x704"
            + " 1344x768 1408x576 1408x640 1408x704 1472x576 1472x640 1472x704 1536x512 1536x576 1536x640");

    /** The {@code {width, height}} an edit of a {@code width x height} photo comes out at. */
    public int[] of(int width, int height) {
        if (this == INPUT) {
            return new int[] {width, height};
        }
        double shape = Math.log((double) width / height);
        double area = (double) width * height;
        int[] best = null;
        double bestShape = Double.MAX_VALUE;
        double bestArea = Double.MAX_VALUE;
        for (int[] size : V3_SIZES) {
            double shapeOff = Math.abs(Math.log((double) size[0] / size[1]) - shape);
            double areaOff = Math.abs(Math.log(size[0] * (double) size[1] / area));
            if (shapeOff < bestShape - 1e-9 || Math.abs(shapeOff - bestShape) <= 1e-9 && areaOff < bestArea) {
                best = size;
                bestShape = shapeOff;
                bestArea = areaOff;
            }
        }
        return best.clone();
    }

    private static List<int[]> parse(String sizes) {
        return java.util.Arrays.stream(sizes.split(" ")).map(s -> s.split("x"))
                .map(wh -> new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])}).toList();
    }
}
