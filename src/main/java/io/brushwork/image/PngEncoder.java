package io.brushwork.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Writes PNG. The JDK's encoder writes no timestamps, so the same pixels always give the same bytes. */
public final class PngEncoder {
    static {
        ImageIO.setUseCache(false);
    }

    private PngEncoder() {
    }

    public static byte[] encode(ArgbImage image) {
        BufferedImage buffered = wrap(image);
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.width() * image.height() + 1024);
        try {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    /** Views the pixel array as a BufferedImage without copying it. */
    private static BufferedImage wrap(ArgbImage image) {
        int w = image.width();
        int h = image.height();
        boolean alpha = image.hasAlpha();
        int[] masks = alpha
                ? new int[] {0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000}
                : new int[] {0x00FF0000, 0x0000FF00, 0x000000FF};
        DirectColorModel model = alpha
                ? new DirectColorModel(32, masks[0], masks[1], masks[2], masks[3])
                : new DirectColorModel(24, masks[0], masks[1], masks[2]);
        WritableRaster raster = Raster.createWritableRaster(
                new SinglePixelPackedSampleModel(DataBufferInt.TYPE_INT, w, h, masks),
                new DataBufferInt(image.pixels(), image.pixels().length), null);
        return new BufferedImage(model, raster, false, null);
    }
}
