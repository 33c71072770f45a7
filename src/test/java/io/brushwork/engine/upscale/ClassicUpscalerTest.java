package io.brushwork.engine.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.Cancellation;
import io.brushwork.image.ArgbImage;
import io.brushwork.testing.ReferenceScaling;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.WatchedCancellation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ClassicUpscalerTest {
    private static ArgbImage defaults(ArgbImage image, int scale) {
        return ClassicUpscaler.upscale(image, scale, 50, 50, Cancellation.NONE);
    }

    private static ArgbImage grey(int w, int h, java.util.function.IntBinaryOperator level) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = level.applyAsInt(x, y);
                px[y * w + x] = 0xFF000000 | v << 16 | v << 8 | v;
            }
        }
        return new ArgbImage(w, h, px, false);
    }

    private static int green(int p) {
        return (p >> 8) & 0xff;
    }

    @Test
    void theOutputIsExactlyScaleTimesTheInput() {
        ArgbImage image = TestImages.photo(37, 23);
        for (int scale = 2; scale <= 4; scale++) {
            ArgbImage out = defaults(image, scale);
            assertThat(out.resolution()).isEqualTo(37 * scale + "x" + 23 * scale);
            assertThat(ClassicUpscaler.lanczos(image, scale, Cancellation.NONE).resolution())
                    .isEqualTo(out.resolution());
        }
    }

    @Test
    void refusesFactorsAndKnobsOutOfRange() {
        ArgbImage image = TestImages.photo(8, 8);
        assertThatThrownBy(() -> defaults(image, 5)).hasMessageContaining("2, 3 or 4, got 5");
        assertThatThrownBy(() -> ClassicUpscaler.upscale(image, 2, 0, 50, Cancellation.NONE))
                .hasMessage("resemblance must be 1..100, got 0");
        assertThatThrownBy(() -> ClassicUpscaler.upscale(image, 2, 50, 101, Cancellation.NONE))
                .hasMessage("detail must be 1..100, got 101");
    }

    // Half-transparent too: colour goes through premultiplying and back, and must come back to the same byte.
    @Test
    void aFlatImageStaysExactlyFlatAtEveryKnob() {
        for (int argb : new int[] {0xFF803AC5, 0x7F803AC5, 0xFF000000, 0xFFFFFFFF}) {
            int[] px = new int[19 * 13];
            Arrays.fill(px, argb);
            ArgbImage flat = new ArgbImage(19, 13, px, true);
            for (int[] knobs : new int[][] {{50, 50}, {1, 100}, {100, 1}, {1, 1}, {100, 100}}) {
                ArgbImage out = ClassicUpscaler.upscale(flat, 3, knobs[0], knobs[1], Cancellation.NONE);
                assertThat(Arrays.stream(out.pixels()).distinct().toArray())
                        .as("%08x at resemblance %d, detail %d", argb, knobs[0], knobs[1]).containsExactly(argb);
            }
        }
    }

    /**
     * The 10-90% rise distance of a rising edge in a row, in output pixels, with the crossings placed between
     * pixels by linear interpolation: finer than counting pixels, which at x2 is 1 or 2 for any method.
     */
    private static double edgeWidth(ArgbImage out, int row, int lo, int hi) {
        return crossing(out, row, lo + 0.9 * (hi - lo)) - crossing(out, row, lo + 0.1 * (hi - lo));
    }

    /** Where the row's level, read from the left, last rises through {@code level}. */
    private static double crossing(ArgbImage out, int row, double level) {
        double at = Double.NaN;
        for (int x = 1; x < out.width(); x++) {
            int a = green(out.pixels()[row * out.width() + x - 1]);
            int b = green(out.pixels()[row * out.width() + x]);
            if (a < level && b >= level) {
                at = x - 1 + (level - a) / (b - a);
            }
        }
        return at;
    }

    // A vertical edge from 40 to 210 between two pixels. Bicubic rises over 1.77 output pixels (10-90%), ours over
    // 1.56, and at resemblance 100 and detail 100 under one pixel with no overshoot at all: sharpening bounded by
    // the source's range steepens an edge without a halo beyond its bound.
    @Test
    void aSharpEdgeStaysSharperThanBicubicWithBoundedOvershoot() {
        int lo = 40;
        int hi = 210;
        ArgbImage edge = grey(32, 8, (x, y) -> x < 16 ? lo : hi);
        int row = 8;
        ArgbImage bicubic = ReferenceScaling.bicubic(edge, 2);
        ArgbImage ours = defaults(edge, 2);
        ArgbImage close = ClassicUpscaler.upscale(edge, 2, 100, 100, Cancellation.NONE);
        double bicubicWidth = edgeWidth(bicubic, row, lo, hi);
        assertThat(edgeWidth(ours, row, lo, hi)).isLessThan(bicubicWidth * 0.9);
        assertThat(edgeWidth(close, row, lo, hi)).isLessThan(bicubicWidth * 0.9);

        int[] range = range(ours, row);
        // at the defaults the sharpening may pass the source's range by 15% of the step, Lanczos by less
        assertThat(range[0]).isGreaterThanOrEqualTo(lo - 26);
        assertThat(range[1]).isLessThanOrEqualTo(hi + 26);
        assertThat(range(close, row)).as("resemblance 100: no overshoot at all").containsExactly(lo, hi);
        int[] loose = range(ClassicUpscaler.upscale(edge, 2, 1, 100, Cancellation.NONE), row);
        assertThat(loose[1]).as("resemblance 1 lets it ring").isGreaterThan(hi);
    }

    private static int[] range(ArgbImage out, int row) {
        int min = 255;
        int max = 0;
        for (int x = 0; x < out.width(); x++) {
            int v = green(out.pixels()[row * out.width() + x]);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new int[] {min, max};
    }

    @Test
    void theSameBytesWhateverTheNumberOfThreads() throws Exception {
        ArgbImage image = withAlphaRamp(TestImages.photo(211, 157));
        ArgbImage common = defaults(image, 3);
        for (int threads : new int[] {1, 3}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                ArgbImage out = pool.submit(() -> defaults(image, 3)).get();
                assertThat(out.pixels()).as("%d threads", threads).isEqualTo(common.pixels());
            } finally {
                pool.shutdown();
            }
        }
    }

    private static ArgbImage withAlphaRamp(ArgbImage image) {
        int[] px = image.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = (px[i] & 0xFFFFFF) | (i % image.width() * 255 / (image.width() - 1)) << 24;
        }
        return new ArgbImage(image.width(), image.height(), px, true);
    }

    // Left opaque red, right fully transparent "green": the green must not bleed into the red, and alpha is
    // interpolated without ringing and never sharpened.
    @Test
    void alphaIsCarriedAndTransparentColourDoesNotBleed() {
        int w = 24;
        int[] px = new int[w * 6];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % w < 12 ? 0xFFFF0000 : 0x0000FF00;
        }
        ArgbImage image = new ArgbImage(w, 6, px, true);
        ArgbImage out = defaults(image, 2);
        assertThat(out.hasAlpha()).isTrue();
        for (int p : out.pixels()) {
            if (p >>> 24 > 0) {
                assertThat(p & 0xFFFFFF).as("colour of %08x", p).isEqualTo(0xFF0000);
            }
        }
        int[] alpha = Arrays.stream(out.pixels()).map(p -> p >>> 24).toArray();
        int[] lanczosAlpha = Arrays.stream(ClassicUpscaler.lanczos(image, 2, Cancellation.NONE).pixels())
                .map(p -> p >>> 24).toArray();
        assertThat(alpha).as("sharpening leaves alpha alone").isEqualTo(lanczosAlpha);
        for (int x = 1; x < 2 * w; x++) {
            assertThat(alpha[x]).as("alpha falls monotonically, no ringing").isLessThanOrEqualTo(alpha[x - 1]);
        }
        assertThat(alpha[0]).isEqualTo(255);
        assertThat(alpha[2 * w - 1]).isZero();
        assertThat(defaults(TestImages.photo(9, 9), 2).hasAlpha()).isFalse();
    }

    @Test
    void aCancelledJobStopsAtTheNextStripe() {
        ArgbImage image = TestImages.photo(300, 200);
        WatchedCancellation cancellation = WatchedCancellation.atLook(3);
        assertThatThrownBy(() -> ClassicUpscaler.upscale(image, 2, 50, 50, cancellation))
                .isInstanceOf(BackendException.class).hasMessageContaining("upscale stopped");
        // 13 stripes in the first pass, 25 in each of the other three: far fewer looks than a finished run's
        assertThat(cancellation.looks.get()).isLessThan(20);
    }

    /** PSNR in dB over R, G, B, a border of 8 pixels left out (each method pads the edge its own way). */
    private static double psnr(ArgbImage truth, ArgbImage result) {
        int w = truth.width();
        double sum = 0;
        long n = 0;
        for (int y = 8; y < truth.height() - 8; y++) {
            for (int x = 8; x < w - 8; x++) {
                int a = truth.pixels()[y * w + x];
                int b = result.pixels()[y * w + x];
                for (int shift = 0; shift < 24; shift += 8) {
                    int d = ((a >> shift) & 0xff) - ((b >> shift) & 0xff);
                    sum += d * d;
                    n++;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / n));
    }

    /** Zone plate: rings whose frequency rises from the centre to half the shrunk image's Nyquist at the corners. */
    private static ArgbImage zonePlate(int size) {
        double k = Math.PI / 4 / (size / 2.0 * Math.sqrt(2)) / 2;
        return grey(size, size, (x, y) -> {
            double dx = x - size / 2.0;
            double dy = y - size / 2.0;
            return (int) Math.round(127.5 + 110 * Math.cos(k * (dx * dx + dy * dy)));
        });
    }

    /** Dark strokes one to four pixels wide on light paper, straight and slanted, anti-aliased: text-like. */
    private static ArgbImage strokes(int w, int h) {
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(245, 240, 230));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(20, 25, 40));
        for (int i = 0; i < 24; i++) {
            g.setStroke(new BasicStroke(1 + i % 4));
            int x = 10 + (i * 37) % (w - 40);
            int y = 10 + (i * 23) % (h - 40);
            g.drawLine(x, y, x + (i % 3) * 11, y + 24);
            g.drawLine(x, y + 12, x + 18, y + 12 + (i % 2) * 5);
        }
        g.dispose();
        int[] px = canvas.getRGB(0, 0, w, h, null, 0, w);
        return new ArgbImage(w, h, px, false);
    }

    @Test
    void closerToTheOriginalThanBicubicOnAZonePlateAndStrokes() {
        for (ArgbImage original : new ArgbImage[] {zonePlate(256), strokes(240, 160)}) {
            ArgbImage small = ReferenceScaling.areaDown(original, 2);
            double bicubic = psnr(original, ReferenceScaling.bicubic(small, 2));
            double ours = psnr(original, defaults(small, 2));
            System.out.printf("bicubic %.2f dB, ours %.2f dB%n", bicubic, ours);
            assertThat(ours).isGreaterThan(bicubic + 0.5);
        }
    }
}
