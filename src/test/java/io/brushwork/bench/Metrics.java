package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;

/**
 * Quality measures inside a mask's pixels (the hole; for upscaling, all but a border), against the original photo.
 */
final class Metrics {
    private Metrics() {
    }

    /** PSNR in dB over the RGB channels of the hole pixels. */
    static double psnr(ArgbImage truth, ArgbImage result, Mask mask) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < mask.cells().length; i++) {
            if (mask.isHole(i)) {
                for (int shift = 0; shift < 24; shift += 8) {
                    int d = ((truth.pixels()[i] >> shift) & 0xff) - ((result.pixels()[i] >> shift) & 0xff);
                    sum += d * d;
                    n++;
                }
            }
        }
        double mse = sum / n;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static double[] luma(ArgbImage image) {
        int[] px = image.pixels();
        double[] y = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            y[i] = 0.299 * ((px[i] >> 16) & 0xff) + 0.587 * ((px[i] >> 8) & 0xff) + 0.114 * (px[i] & 0xff);
        }
        return y;
    }

    /** Mean SSIM (luma, 7x7 windows, the usual constants) over windows centred on hole pixels. */
    static double ssim(ArgbImage truth, ArgbImage result, Mask mask) {
        return ssim(truth, result, mask::isHole);
    }

    /**
     * Mean SSIM over windows centred on every pixel of the hole's bounding box. For an object removal there is no
     * truth under the object, so against the original this measures how far the fill departs from the object
     * (lower means more of it is gone) together with how well the box's known pixels and structures around the
     * hole line up with the fill; read it beside texture and the montages, not as a score on its own.
     */
    static double ssimInBox(ArgbImage truth, ArgbImage result, Mask mask) {
        int[] box = box(mask);
        return ssim(truth, result, (x, y) -> x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]);
    }

    /** The hole's bounding box as {minX, minY, maxX, maxY}. */
    static int[] box(Mask mask) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.isHole(x, y)) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }

    private interface Region {
        boolean contains(int x, int y);
    }

    private static double ssim(ArgbImage truth, ArgbImage result, Region region) {
        int w = truth.width();
        int h = truth.height();
        double[] a = luma(truth);
        double[] b = luma(result);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        long n = 0;
        for (int y = 3; y < h - 3; y++) {
            for (int x = 3; x < w - 3; x++) {
                if (!region.contains(x, y)) {
                    continue;
                }
                double ma = 0, mb = 0;
                for (int dy = -3; dy <= 3; dy++) {
                    for (int dx = -3; dx <= 3; dx++) {
                        ma += a[(y + dy) * w + x + dx];
                        mb += b[(y + dy) * w + x + dx];
                    }
                }
                ma /= 49;
                mb /= 49;
                double va = 0, vb = 0, cov = 0;
                for (int dy = -3; dy <= 3; dy++) {
                    for (int dx = -3; dx <= 3; dx++) {
                        double da = a[(y + dy) * w + x + dx] - ma;
                        double db = b[(y + dy) * w + x + dx] - mb;
                        va += da * da;
                        vb += db * db;
                        cov += da * db;
                    }
                }
                va /= 48;
                vb /= 48;
                cov /= 48;
                total += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                n++;
            }
        }
        return n == 0 ? 1 : total / n;
    }

    /**
     * Texture: mean gradient energy (squared central differences of luma) inside the hole, divided by that in a
     * ring of known pixels up to 8 pixels around it. About 1.0 is natural texture; a smear is far below.
     */
    static double texture(ArgbImage result, Mask mask) {
        int w = result.width();
        int h = result.height();
        double[] y = luma(result);
        boolean[] ring = ring(mask, 8);
        double inHole = 0, inRing = 0;
        long holeCount = 0, ringCount = 0;
        for (int j = 1; j < h - 1; j++) {
            for (int i = 1; i < w - 1; i++) {
                int k = j * w + i;
                double gx = (y[k + 1] - y[k - 1]) / 2;
                double gy = (y[k + w] - y[k - w]) / 2;
                double energy = gx * gx + gy * gy;
                if (mask.isHole(k)) {
                    inHole += energy;
                    holeCount++;
                } else if (ring[k]) {
                    inRing += energy;
                    ringCount++;
                }
            }
        }
        return (inHole / Math.max(1, holeCount)) / Math.max(1e-9, inRing / Math.max(1, ringCount));
    }

    /**
     * Sharpness: the mean gradient magnitude (central differences of luma) over the mask's pixels. Divided by the
     * original's, 1.0 is as sharp as the original; blur is below, over-sharpening above.
     */
    static double gradient(ArgbImage image, Mask mask) {
        int w = image.width();
        int h = image.height();
        double[] y = luma(image);
        double sum = 0;
        long n = 0;
        for (int j = 1; j < h - 1; j++) {
            for (int i = 1; i < w - 1; i++) {
                int k = j * w + i;
                if (mask.isHole(k)) {
                    sum += Math.hypot((y[k + 1] - y[k - 1]) / 2, (y[k + w] - y[k - w]) / 2);
                    n++;
                }
            }
        }
        return sum / Math.max(1, n);
    }

    private static boolean[] ring(Mask mask, int width) {
        int w = mask.width();
        int h = mask.height();
        boolean[] ring = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!mask.isHole(x, y)) {
                    continue;
                }
                for (int dy = -width; dy <= width; dy++) {
                    for (int dx = -width; dx <= width; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h && !mask.isHole(nx, ny)) {
                            ring[ny * w + nx] = true;
                        }
                    }
                }
            }
        }
        return ring;
    }
}
