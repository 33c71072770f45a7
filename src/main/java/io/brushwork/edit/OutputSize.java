package io.brushwork.edit;

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

    /** The {@code {width, height}} an edit of a {@code width x height} photo comes out at. */
    public int[] of(int width, int height) {
        if (this == INPUT) {
            return new int[] {width, height};
        }
        double shape = Math.log((double) width / height);
        double area = (double) width * height;
        Resolutions.Size best = null;
        double bestShape = Double.MAX_VALUE;
        double bestArea = Double.MAX_VALUE;
        for (Resolutions.Size size : Resolutions.V3) {
            double shapeOff = Math.abs(Math.log((double) size.width() / size.height()) - shape);
            double areaOff = Math.abs(Math.log(size.width() * (double) size.height() / area));
            if (shapeOff < bestShape - 1e-9 || Math.abs(shapeOff - bestShape) <= 1e-9 && areaOff < bestArea) {
                best = size;
                bestShape = shapeOff;
                bestArea = areaOff;
            }
        }
        return new int[] {best.width(), best.height()};
    }
}
