package io.brushwork.image;

/**
 * What an image's header says, read without decoding its pixels.
 *
 * @param width       as the image is meant to be seen: a JPEG turned a quarter by its EXIF orientation has its
 *                    stored width and height swapped here
 * @param orientation the EXIF orientation decoding applies, 1 to 8; 1 for none
 */
public record ImageInfo(ImageFormat format, int width, int height, int orientation) {
    public ImageInfo(ImageFormat format, int width, int height) {
        this(format, width, height, Orientation.NORMAL);
    }

    public long pixels() {
        return (long) width * height;
    }

    public String resolution() {
        return width + "x" + height;
    }

    /** Whether this (a mask) has the size of {@code other}'s pixels as stored, a quarter turn from how they are seen. */
    public boolean isStoredSizeOf(ImageInfo other) {
        return Orientation.swapsSides(other.orientation) && width == other.height && height == other.width;
    }
}
