package io.brushwork.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * A JPEG's EXIF orientation (1 to 8): how its stored pixels must be turned to be seen the right way up. Phones store
 * photos as the sensor read them and record the turn here; every viewer and editor applies it, so a mask drawn on
 * the photo as seen has the seen width and height. Brushwork applies it when decoding, to the photo and the mask.
 */
public final class Orientation {
    static final int NORMAL = 1;

    private Orientation() {
    }

    /** The orientation a JPEG records; {@link #NORMAL} when it records none, or none that can be read. */
    static int of(byte[] jpeg) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return NORMAL;
            }
            try (InputStream data = exif.get(0).data()) {
                data.read(); // the pad byte after "Exif\0"
                try (ImageInputStream tiff = ImageIO.createImageInputStream(data)) {
                    Directory ifd = new TIFFReader().read(tiff);
                    Entry entry = ifd.getEntryById(TIFF.TAG_ORIENTATION);
                    int value = entry == null ? NORMAL : ((Number) entry.getValue()).intValue();
                    return value >= 1 && value <= 8 ? value : NORMAL;
                }
            }
        } catch (IOException | RuntimeException e) {
            return NORMAL; // broken metadata must not refuse a photo its pixels can show
        }
    }

    /** Whether the orientation turns the image a quarter, so that width and height swap. */
    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }

    /** The image as it is meant to be seen, turned as {@code orientation} (1 to 8) says. */
    public static ArgbImage apply(ArgbImage stored, int orientation) {
        if (orientation == NORMAL) {
            return stored;
        }
        int w = stored.width();
        int h = stored.height();
        int[] src = stored.pixels();
        boolean swap = swapsSides(orientation);
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int[] out = new int[src.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // Where the seen pixel (x, y) is stored, per EXIF 2.3's table of orientations.
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case 8 -> { sx = w - 1 - y; sy = x; }
                    default -> { sx = x; sy = y; }
                }
                out[y * outW + x] = src[sy * w + sx];
            }
        }
        return new ArgbImage(outW, outH, out, stored.hasAlpha());
    }
}
