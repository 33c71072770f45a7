package io.brushwork.engine.upscale;

/**
 * The Lanczos-3 taps for enlarging by a whole factor along one axis. Output position {@code x} has its centre at
 * source position {@code (x + 0.5) / scale - 0.5}, so the factor's phases repeat every {@code scale} outputs and
 * one table of six weights per phase serves the whole axis. Taps past the edge read the edge pixel.
 */
final class Lanczos3 {
    static final int TAPS = 6;
    /** The two taps either side of the output's centre: the pixels it lies between. */
    static final int NEAR = 2;
    /**
     * The taps whose range bounds ringing and sharpening, the two the centre lies between. Four (the range of a
     * whole period at half the source's Nyquist) kept less of the photos and of a zone plate (PSNR) at every
     * strength tried.
     */
    static final int LOW = NEAR;
    static final int HIGH = NEAR + 1;

    private final int scale;
    private final int[] offset;
    private final float[] weights;

    Lanczos3(int scale) {
        this.scale = scale;
        offset = new int[scale];
        weights = new float[scale * TAPS];
        for (int p = 0; p < scale; p++) {
            double f = (p + 0.5) / scale - 0.5; // the centre's offset from source pixel x / scale
            int below = f >= 0 ? 0 : -1; // the source pixel at or just before the centre
            double t = f - below;
            offset[p] = below - NEAR;
            double[] w = new double[TAPS];
            double total = 0;
            for (int k = 0; k < TAPS; k++) {
                w[k] = kernel(k - NEAR - t);
                total += w[k];
            }
            // normalised, so that a flat image stays flat
            for (int k = 0; k < TAPS; k++) {
                weights[p * TAPS + k] = (float) (w[k] / total);
            }
        }
    }

    /** The source index of output {@code x}'s first tap; may lie before 0 or past the end. */
    int first(int x) {
        return x / scale + offset[x % scale];
    }

    /** Tap {@code k}'s weight for output {@code x}. */
    float weight(int x, int k) {
        return weights[(x % scale) * TAPS + k];
    }

    static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(i, n - 1);
    }

    private static double kernel(double d) {
        if (d == 0) {
            return 1;
        }
        if (Math.abs(d) >= 3) {
            return 0;
        }
        double a = Math.PI * d;
        return 3 * Math.sin(a) * Math.sin(a / 3) / (a * a);
    }
}
