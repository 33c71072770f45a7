package io.brushwork.engine.upscale;

/**
 * The Lanczos-3 taps for enlarging one axis of {@code n} source pixels by a whole factor. Output position {@code x}
 * has its centre at source position {@code (x + 0.5) / scale - 0.5}, so the factor's phases repeat every
 * {@code scale} outputs: six weights per phase, worked out once. Taps past the edge read the edge pixel; their
 * indices are clamped here, once, so the pixel loops only multiply and add.
 */
final class Lanczos3 {
    static final int TAPS = 6;
    /**
     * The taps whose range bounds ringing and sharpening, the two the centre lies between. Four (a whole period at
     * half the source's Nyquist) kept less of the photos and of a zone plate (PSNR) at every strength tried.
     */
    static final int LOW = 2;
    static final int HIGH = 3;

    /** Per output position, {@link #TAPS} source indices, clamped. */
    final int[] index;
    /** Per output position, {@link #TAPS} weights adding up to 1. */
    final float[] weight;

    Lanczos3(int n, int scale) {
        float[] phases = new float[scale * TAPS];
        int[] offset = new int[scale];
        for (int p = 0; p < scale; p++) {
            double f = (p + 0.5) / scale - 0.5; // the centre's offset from source pixel x / scale
            int below = f >= 0 ? 0 : -1; // the source pixel at or just before the centre
            double t = f - below;
            offset[p] = below - LOW;
            double[] w = new double[TAPS];
            double total = 0;
            for (int k = 0; k < TAPS; k++) {
                w[k] = kernel(k - LOW - t);
                total += w[k];
            }
            // normalised, so that a flat image stays flat
            for (int k = 0; k < TAPS; k++) {
                phases[p * TAPS + k] = (float) (w[k] / total);
            }
        }
        int out = n * scale;
        index = new int[out * TAPS];
        weight = new float[out * TAPS];
        for (int x = 0; x < out; x++) {
            int p = x % scale;
            int first = x / scale + offset[p];
            for (int k = 0; k < TAPS; k++) {
                index[x * TAPS + k] = clamp(first + k, n);
                weight[x * TAPS + k] = phases[p * TAPS + k];
            }
        }
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
