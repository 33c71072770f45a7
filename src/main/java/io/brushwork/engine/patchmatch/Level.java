package io.brushwork.engine.patchmatch;

import io.brushwork.image.Chamfer;

/**
 * One level of the image pyramid of a region: colours as L, a, b (and alpha, for images that have it), one float
 * each, and which pixels are holes. Hole colours hold the current estimate of the fill.
 */
final class Level {
    final int width;
    final int height;
    /** Floats per pixel: 3 (L, a, b) or 4 (L, a, b, alpha). */
    final int channels;
    final float[] colour;
    final boolean[] hole;

    Level(int width, int height, int channels, float[] colour, boolean[] hole) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.colour = colour;
        this.hole = hole;
    }

    /**
     * Half the size: each pixel averages the known pixels of its 2x2 block, and is a hole if any of them is, so that
     * a coarse known pixel is made of known pixels only.
     */
    Level downsample() {
        int w = (width + 1) / 2;
        int h = (height + 1) / 2;
        int channels = this.channels;
        float[] c = new float[w * h * channels];
        boolean[] holes = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int known = 0;
                boolean anyHole = false;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int fx = 2 * x + dx;
                        int fy = 2 * y + dy;
                        if (fx >= width || fy >= height) {
                            continue;
                        }
                        int f = fy * width + fx;
                        if (hole[f]) {
                            anyHole = true;
                            continue;
                        }
                        known++;
                        for (int ch = 0; ch < channels; ch++) {
                            c[i * channels + ch] += colour[f * channels + ch];
                        }
                    }
                }
                holes[i] = anyHole;
                for (int ch = 0; ch < channels; ch++) {
                    c[i * channels + ch] = known > 0 ? c[i * channels + ch] / known : 0;
                }
            }
        }
        return new Level(w, h, channels, c, holes);
    }

    /** Distance of every pixel to the nearest known pixel (0 for known pixels). */
    float[] distanceToKnown() {
        return chamfer(true);
    }

    /** Distance of every pixel to the nearest hole pixel (0 for hole pixels). */
    float[] distanceToHole() {
        return chamfer(false);
    }

    /** Distance to the nearest pixel whose hole flag is not {@code from}. */
    private float[] chamfer(boolean from) {
        float[] d = new float[width * height];
        float big = width + height;
        for (int i = 0; i < d.length; i++) {
            d[i] = hole[i] == from ? big : 0;
        }
        Chamfer.distances(d, width, height);
        return d;
    }
}
