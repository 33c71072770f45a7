package io.brushwork.image;

/**
 * A binary edit mask: {@code true} marks a pixel to repaint (black in the uploaded mask), {@code false} a pixel to
 * keep.
 */
public final class Mask {
    /** Ideogram's masks are black-and-white images; anything darker than half grey counts as black. */
    private static final int LUMA_THRESHOLD = 127_500; // 0.5 * 255 in units of 1/1000

    private final int width;
    private final int height;
    private final boolean[] hole;
    private final int holeCount;

    public Mask(int width, int height, boolean[] hole) {
        if (hole.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " mask cells, got " + hole.length);
        }
        this.width = width;
        this.height = height;
        this.hole = hole;
        int count = 0;
        for (boolean h : hole) {
            if (h) {
                count++;
            }
        }
        this.holeCount = count;
    }

    /**
     * Reads an uploaded mask: alpha is composited over white (a transparent pixel is "keep"), then luminance
     * (Rec. 601 weights) below 50% marks a hole.
     */
    public static Mask fromImage(ArgbImage image) {
        int[] px = image.pixels();
        boolean[] hole = new boolean[px.length];
        for (int i = 0; i < px.length; i++) {
            // Compositing an opaque pixel changes nothing, and masks are nearly always opaque: skip its divisions.
            int p = px[i] >>> 24 == 0xFF ? px[i] : ArgbImage.overWhite(px[i]);
            hole[i] = 299 * ((p >> 16) & 0xff) + 587 * ((p >> 8) & 0xff) + 114 * (p & 0xff) < LUMA_THRESHOLD;
        }
        return new Mask(image.width(), image.height(), hole);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isHole(int index) {
        return hole[index];
    }

    public boolean isHole(int x, int y) {
        return hole[y * width + x];
    }

    /** The cells, index {@code y * width + x}; callers must not modify it. */
    public boolean[] cells() {
        return hole;
    }

    public int holeCount() {
        return holeCount;
    }

    public boolean isEmpty() {
        return holeCount == 0;
    }

    public boolean isFull() {
        return holeCount == hole.length;
    }
}
