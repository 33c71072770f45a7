package io.brushwork.edit;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.image.Resize;

/**
 * Where a reframed photo goes on its new canvas: scaled to fit whole (as large as it can be without cropping) and
 * centred, so it spans the canvas one way and the border to fill runs along the other pair of sides, as a reframe
 * changes the framing. A photo that already spans one side is not scaled and keeps its own pixels. Scaling up
 * rather than leaving a small photo small keeps the region to fill narrow: the fill makes it from the photo, and a
 * border wider than the photo would be mostly invented. Rounding puts any odd pixel on the right and the bottom.
 *
 * @param canvas the new canvas with the photo placed on it; the border is the photo's edge pixels smeared out, a
 *               neutral start that engines fill over
 * @param border the mask of the canvas to fill: everything but the placed photo
 */
record Reframe(ArgbImage canvas, Mask border) {

    static Reframe place(ArgbImage photo, int width, int height) {
        double scale = Math.min((double) width / photo.width(), (double) height / photo.height());
        int w = Math.max(1, Math.min(width, (int) Math.round(photo.width() * scale)));
        int h = Math.max(1, Math.min(height, (int) Math.round(photo.height() * scale)));
        ArgbImage placed = Resize.bilinear(photo, w, h);
        int left = (width - w) / 2;
        int top = (height - h) / 2;
        int[] src = placed.pixels();
        int[] out = new int[width * height];
        boolean[] hole = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            int sy = Math.min(h - 1, Math.max(0, y - top));
            boolean rowInside = y >= top && y < top + h;
            for (int x = 0; x < width; x++) {
                int sx = Math.min(w - 1, Math.max(0, x - left));
                out[y * width + x] = src[sy * w + sx];
                hole[y * width + x] = !(rowInside && x >= left && x < left + w);
            }
        }
        return new Reframe(new ArgbImage(width, height, out, photo.hasAlpha()), new Mask(width, height, hole));
    }

    /** The bytes the canvas, its mask and the scaled photo take while the reframe runs. */
    static long workingBytes(int width, int height) {
        return (long) width * height * (4 + 1 + 4);
    }
}
