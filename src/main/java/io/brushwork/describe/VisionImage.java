package io.brushwork.describe;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Resize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The image as a vision model is sent it: a {@code data:image/jpeg;base64,...} URL of the picture shrunk so that its
 * long side is at most {@link #MAX_SIDE}. Vision models see far fewer pixels than that (they tile or resize to a few
 * hundred), so a larger upload only costs bandwidth and the server's decoding; JPEG keeps a 1024 px photo near
 * 200 KB where PNG would be several MB of base64.
 */
final class VisionImage {
    static final int MAX_SIDE = 1024;
    private static final float JPEG_QUALITY = 0.9f;

    private VisionImage() {
    }

    static String dataUrl(ArgbImage image) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(fitted(image)));
    }

    /** The image itself when it fits, else shrunk to fit with its aspect kept (each side at least 1 px). */
    static ArgbImage fitted(ArgbImage image) {
        int w = image.width();
        int h = image.height();
        int longSide = Math.max(w, h);
        if (longSide <= MAX_SIDE) {
            return image;
        }
        double scale = (double) MAX_SIDE / longSide;
        return Resize.bilinear(image, Math.max(1, (int) Math.round(w * scale)),
                Math.max(1, (int) Math.round(h * scale)));
    }

    private static byte[] jpeg(ArgbImage image) {
        BufferedImage rgb = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, image.width(), image.height(), overWhite(image), 0, image.width());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // In memory: ImageIO's default stream would cache to a temporary file.
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("a JPEG could not be written to memory", e); // no I/O to fail
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * JPEG has no alpha: transparent pixels are composited over white, as Brushwork reads masks, rather than showing
     * whatever colour they happen to hold (often black).
     */
    private static int[] overWhite(ArgbImage image) {
        int[] px = image.pixels();
        if (!image.hasAlpha()) {
            return px;
        }
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = ArgbImage.overWhite(px[i]);
        }
        return out;
    }
}
