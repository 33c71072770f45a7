package io.brushwork.engine.patchmatch;

/**
 * sRGB (8-bit) to CIE L*a*b* (D65) and back. Patch distances are measured in Lab because equal steps there look
 * about equally different, which RGB steps do not.
 */
final class Lab {
    private static final float[] LINEAR = new float[256];
    private static final double XN = 0.95047;
    private static final double ZN = 1.08883;
    private static final double EPSILON = 216.0 / 24389.0;
    private static final double KAPPA = 24389.0 / 27.0;

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            LINEAR[i] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
    }

    private Lab() {
    }

    /** Writes L, a, b of the packed RGB into {@code out[at..at+2]}. */
    static void fromRgb(int argb, float[] out, int at) {
        double r = LINEAR[(argb >> 16) & 0xff];
        double g = LINEAR[(argb >> 8) & 0xff];
        double b = LINEAR[argb & 0xff];
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / ZN;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        out[at] = (float) (116 * fy - 16);
        out[at + 1] = (float) (500 * (fx - fy));
        out[at + 2] = (float) (200 * (fy - fz));
    }

    /** Packs L, a, b from {@code in[at..at+2]} as RGB (alpha bits zero), rounding and clamping to 0..255. */
    static int toRgb(float[] in, int at) {
        double fy = (in[at] + 16) / 116.0;
        double fx = fy + in[at + 1] / 500.0;
        double fz = fy - in[at + 2] / 200.0;
        double x = inverse(fx) * XN;
        double y = in[at] > KAPPA * EPSILON ? fy * fy * fy : in[at] / KAPPA;
        double z = inverse(fz) * ZN;
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static double f(double t) {
        return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
    }

    private static double inverse(double f) {
        double cube = f * f * f;
        return cube > EPSILON ? cube : (116 * f - 16) / KAPPA;
    }

    private static int channel(double linear) {
        double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(Math.max(linear, 0), 1 / 2.4) - 0.055;
        return (int) Math.max(0, Math.min(255, Math.round(c * 255)));
    }
}
