package io.brushwork.testing;

import io.brushwork.image.ArgbImage;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * What upscalers are measured against: shrinking by area averaging, the way a photo loses its fine detail, and
 * the bicubic enlargement most software gives (Java2D's, the Keys kernel with a = -0.5).
 */
public final class ReferenceScaling {
    private ReferenceScaling() {
    }

    /** Each output pixel the mean of a {@code factor x factor} block; a remainder at the right and bottom is cut. */
    public static ArgbImage areaDown(ArgbImage image, int factor) {
        int w = image.width() / factor;
        int h = image.height() / factor;
        int[] px = image.pixels();
        int[] out = new int[w * h];
        int n = factor * factor;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] sum = new int[4];
                for (int dy = 0; dy < factor; dy++) {
                    for (int dx = 0; dx < factor; dx++) {
                        int p = px[(y * factor + dy) * image.width() + x * factor + dx];
                        for (int c = 0; c < 4; c++) {
                            sum[c] += (p >>> (8 * c)) & 0xff;
                        }
                    }
                }
                int v = 0;
                for (int c = 0; c < 4; c++) {
                    v |= ((sum[c] + n / 2) / n) << (8 * c);
                }
                out[y * w + x] = v;
            }
        }
        return new ArgbImage(w, h, out, image.hasAlpha());
    }

    /** The top-left {@code width x height} of an image. */
    public static ArgbImage crop(ArgbImage image, int width, int height) {
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(image.pixels(), y * image.width(), out, y * width, width);
        }
        return new ArgbImage(width, height, out, image.hasAlpha());
    }

    /** Java2D's bicubic enlargement ({@code VALUE_INTERPOLATION_BICUBIC}) by a whole factor. */
    public static ArgbImage bicubic(ArgbImage image, int scale) {
        int w = image.width();
        int h = image.height();
        BufferedImage src = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        src.setRGB(0, 0, w, h, image.pixels(), 0, w);
        BufferedImage dst = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = dst.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, 0, 0, w * scale, h * scale, null);
        g.dispose();
        int[] out = dst.getRGB(0, 0, w * scale, h * scale, null, 0, w * scale);
        return new ArgbImage(w * scale, h * scale, out, image.hasAlpha());
    }
}
