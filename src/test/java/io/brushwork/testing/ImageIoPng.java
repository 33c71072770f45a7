package io.brushwork.testing;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * ImageIO's PNG writer and reader, as Brushwork encoded and decoded before it had its own: the yardsticks the tests
 * and the PNG benchmark hold {@link io.brushwork.image.PngEncoder} and Brushwork's decoder against. The writer
 * writes RGB without an alpha channel, RGBA with one.
 */
public final class ImageIoPng {
    static {
        ImageIO.setUseCache(false);
    }

    private ImageIoPng() {
    }

    public static byte[] encode(ArgbImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.width() * image.height() + 1024);
        try {
            if (!ImageIO.write(wrap(image), "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    /** ImageIO's PNG reader, as Brushwork decoded every PNG before it had its own decoder for the common layouts. */
    public static ArgbImage decode(byte[] png) {
        try {
            return ImageDecoder.toArgb(ImageIO.read(new ByteArrayInputStream(png)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
