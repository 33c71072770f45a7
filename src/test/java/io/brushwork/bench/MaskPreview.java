package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.Mask;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws each object mask over its photo, doubled, with a coordinate grid every 20 pixels, so that a person can
 * check that a mask covers its object snugly: {@code MaskPreview PHOTOS_DIR OUT_DIR}.
 */
final class MaskPreview {
    private static final int ZOOM = 2;

    public static void main(String[] args) throws Exception {
        Path photos = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (ObjectMasks.Case c : ObjectMasks.CASES) {
            ArgbImage photo = new ImageDecoder(Long.MAX_VALUE).decode(Files.readAllBytes(photos.resolve(c.photo())));
            Mask mask = c.mask(photo.width(), photo.height());
            ImageIO.write(preview(photo, mask), "png", out.resolve(c.name() + ".png").toFile());
        }
    }

    private static BufferedImage preview(ArgbImage photo, Mask mask) {
        int w = photo.width();
        int h = photo.height();
        BufferedImage img = new BufferedImage(w * ZOOM, h * ZOOM, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h * ZOOM; y++) {
            for (int x = 0; x < w * ZOOM; x++) {
                int i = (y / ZOOM) * w + x / ZOOM;
                int p = photo.pixels()[i];
                // The hole is tinted, not painted over, so the object stays visible under it.
                img.setRGB(x, y, mask.isHole(i) ? (p >> 1 & 0x7f7f7f) | 0x800000 : p);
            }
        }
        Graphics2D g = img.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int v = 0; v < Math.max(w, h); v += 20) {
            g.setColor(v % 100 == 0 ? new Color(0, 255, 255, 160) : new Color(255, 255, 0, 70));
            g.drawLine(v * ZOOM, 0, v * ZOOM, h * ZOOM);
            g.drawLine(0, v * ZOOM, w * ZOOM, v * ZOOM);
            if (v % 100 == 0) {
                g.drawString(Integer.toString(v), v * ZOOM + 2, 10);
                g.drawString(Integer.toString(v), 2, v * ZOOM + 10);
            }
        }
        g.dispose();
        return img;
    }

    private MaskPreview() {
    }
}
