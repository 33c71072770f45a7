package io.brushwork.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.onnx.OnnxModelSettings.Contract;
import io.brushwork.engine.onnx.OnnxModelSettings.DataType;
import io.brushwork.engine.onnx.OnnxModelSettings.Layout;
import io.brushwork.engine.onnx.OnnxModelSettings.ValueRange;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.testing.OnnxGraph;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.WatchedCancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real ONNX Runtime sessions on the tiny mean-fill models {@link MeanFillModel} writes with LaMa's, MI-GAN's
 * and a generic export's exact tensors, so every conversion on the way in and out is checked: a wrong value range,
 * mask polarity, layout or crop shows up as a wrong fill colour.
 */
class OnnxInpaintEngineTest {
    @TempDir
    Path dir;

    private static ArgbImage solid(int w, int h, int rgb) {
        int[] px = new int[w * h];
        Arrays.fill(px, 0xFF000000 | rgb);
        return new ArgbImage(w, h, px, false);
    }

    /** Paints the rectangles (x, y, w, h quadruples) in a colour, on a copy. */
    private static ArgbImage paint(ArgbImage image, int rgb, int... rects) {
        ArgbImage out = image.copy();
        int w = image.width();
        for (int i = 0; i < rects.length; i += 4) {
            for (int y = rects[i + 1]; y < rects[i + 1] + rects[i + 3]; y++) {
                for (int x = rects[i]; x < rects[i] + rects[i + 2]; x++) {
                    out.pixels()[y * w + x] = 0xFF000000 | rgb;
                }
            }
        }
        return out;
    }

    private static Mask holes(int w, int h, int... rects) {
        return Mask.fromImage(TestImages.mask(w, h, rects));
    }

    /** Mean R, G, B of the known pixels in a rectangle, as the model would see them at full resolution. */
    private static double[] knownMean(ArgbImage image, Mask mask, int x0, int y0, int w, int h) {
        double[] sum = new double[3];
        long n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int i = y * image.width() + x;
                if (!mask.isHole(i)) {
                    int p = image.pixels()[i];
                    sum[0] += (p >> 16) & 0xff;
                    sum[1] += (p >> 8) & 0xff;
                    sum[2] += p & 0xff;
                    n++;
                }
            }
        }
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    private static double[] rgb(int rgb) {
        return new double[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    }

    /** The largest difference, over hole pixels and channels, between the fill and a colour. */
    private static double worstHoleError(ArgbImage out, Mask mask, int x0, int y0, int w, int h, double[] rgb) {
        double worst = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int i = y * out.width() + x;
                if (mask.isHole(i)) {
                    int p = out.pixels()[i];
                    worst = Math.max(worst, Math.abs(((p >> 16) & 0xff) - rgb[0]));
                    worst = Math.max(worst, Math.abs(((p >> 8) & 0xff) - rgb[1]));
                    worst = Math.max(worst, Math.abs((p & 0xff) - rgb[2]));
                }
            }
        }
        return worst;
    }

    private static void assertKnownPixelsUntouched(ArgbImage in, ArgbImage out, Mask mask) {
        for (int i = 0; i < in.pixels().length; i++) {
            if (!mask.isHole(i) && in.pixels()[i] != out.pixels()[i]) {
                throw new AssertionError("known pixel " + (i % in.width()) + "," + (i / in.width()) + " changed from "
                        + Integer.toHexString(in.pixels()[i]) + " to " + Integer.toHexString(out.pixels()[i]));
            }
        }
    }

    private OnnxInpaintEngine lama() throws Exception {
        return OnnxInpaintEngine.open("lama",
                OnnxModelSettings.lama(MeanFillModel.lama().write(dir.resolve("lama.onnx")), 1));
    }

    private OnnxInpaintEngine migan() throws Exception {
        return OnnxInpaintEngine.open("migan",
                OnnxModelSettings.migan(MeanFillModel.migan().write(dir.resolve("migan.onnx")), 1));
    }

    // A LaMa whose output were read as 0..1 would come back white (clamped), and one whose input were sent as
    // 0..255 would average to white as well: only the right ranges give the known colour back.
    @Test
    void lamaFillsWithTheKnownColourReadingItsOutputAs0To255() throws Exception {
        int known = 0x6496C8; // 100, 150, 200
        ArgbImage image = paint(solid(300, 200, known), 0xFA0A0A, 120, 60, 50, 40);
        Mask mask = holes(300, 200, 120, 60, 50, 40);
        try (OnnxInpaintEngine engine = lama()) {
            ArgbImage out = engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image();
            assertThat(worstHoleError(out, mask, 0, 0, 300, 200, rgb(0x6496C8))).isLessThanOrEqualTo(1);
            assertKnownPixelsUntouched(image, out, mask);
        }
    }

    // 1600x1200 with a gradient, a 300x200 hole near the top-right corner. The crop rule: the box plus 128 on each
    // side is 556x456, made square 556x556 (at least 512), centred on the hole and shifted inside the image:
    // x0 = min(1200 - 128, 1600 - 556) = 1044, y0 = max(100 - 178, 0) = 0. It is shrunk to 512 and back, so the
    // fill is the mean of the known pixels of that crop, not of the whole image.
    @Test
    void lamaFillsFromACropAroundTheHoleResizedToTheModel() throws Exception {
        ArgbImage image = TestImages.photo(1600, 1200);
        Mask mask = holes(1600, 1200, 1200, 100, 300, 200);
        double[] cropMean = knownMean(image, mask, 1044, 0, 556, 556);
        double[] imageMean = knownMean(image, mask, 0, 0, 1600, 1200);
        assertThat(Math.abs(cropMean[0] - imageMean[0]) + Math.abs(cropMean[1] - imageMean[1]))
                .as("the crop's mean must differ from the image's for this test to mean anything").isGreaterThan(60);
        try (OnnxInpaintEngine engine = lama()) {
            ArgbImage out = engine.inpaint(InpaintJob.of(image, mask, "", 0, "quality")).image();
            assertThat(worstHoleError(out, mask, 1200, 100, 300, 200, cropMean)).isLessThanOrEqualTo(2.5);
            assertKnownPixelsUntouched(image, out, mask);
        }
    }

    // Left half one colour, right half another; a hole in each, 1350 pixels apart. Each is filled in its own crop
    // from its own side; one crop over both would mix the two colours.
    @Test
    void holesFarApartAreFilledEachFromItsOwnSurroundings() throws Exception {
        ArgbImage image = paint(solid(1600, 600, 0x20A040), 0x3050E0, 800, 0, 800, 600);
        Mask mask = holes(1600, 600, 100, 250, 40, 40, 1450, 250, 40, 40);
        try (OnnxInpaintEngine engine = lama()) {
            ArgbImage out = engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image();
            assertThat(worstHoleError(out, mask, 100, 250, 40, 40, rgb(0x20A040))).isLessThanOrEqualTo(1);
            assertThat(worstHoleError(out, mask, 1450, 250, 40, 40, rgb(0x3050E0))).isLessThanOrEqualTo(1);
            assertKnownPixelsUntouched(image, out, mask);
        }
    }

    // A one-pixel scratch 1500 pixels long: its crop (1756x1756) is shrunk more than threefold to 512. Resized by
    // nearest neighbour, most of the scratch would vanish from the model's mask, the model would keep the red, and
    // the red would be pasted back.
    @Test
    void aThinScratchStaysAHoleWhenTheCropIsShrunk() throws Exception {
        ArgbImage image = paint(solid(2000, 2000, 0x3050E0), 0xFA0A0A, 1000, 250, 1, 1500);
        Mask mask = holes(2000, 2000, 1000, 250, 1, 1500);
        try (OnnxInpaintEngine engine = lama()) {
            ArgbImage out = engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image();
            assertThat(worstHoleError(out, mask, 1000, 250, 1, 1500, rgb(0x3050E0)))
                    .isLessThanOrEqualTo(1);
        }
    }

    // MI-GAN's mask is 255 = keep, 0 = hole. Sent LaMa's way round, the model would keep the red hole and repaint
    // the surroundings, and the hole would stay red.
    @Test
    void miganGetsTheMaskInvertedAndFillsTheHoleFromTheKnownPixels() throws Exception {
        ArgbImage image = paint(solid(120, 90, 0x1428C8), 0xFA0A0A, 40, 30, 30, 20);
        Mask mask = holes(120, 90, 40, 30, 30, 20);
        try (OnnxInpaintEngine engine = migan()) {
            ArgbImage out = engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image();
            assertThat(worstHoleError(out, mask, 40, 30, 30, 20, rgb(0x1428C8))).isEqualTo(0);
            assertKnownPixelsUntouched(image, out, mask);
        }
    }

    // A free-size model runs on the crop at its own resolution: the box plus 128 on each side, 286x286, centred on
    // the hole and shifted inside the image: x0 = min(600 - 128, 700 - 286) = 414, y0 = 0. No resize, so the fill
    // is the crop's known mean to within the uint8 rounding.
    @Test
    void miganRunsOnTheCropAtNativeResolution() throws Exception {
        ArgbImage image = TestImages.photo(700, 500);
        Mask mask = holes(700, 500, 600, 50, 30, 30);
        double[] cropMean = knownMean(image, mask, 414, 0, 286, 286);
        try (OnnxInpaintEngine engine = migan()) {
            ArgbImage out = engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image();
            assertThat(worstHoleError(out, mask, 600, 50, 30, 30, cropMean)).isLessThanOrEqualTo(0.51);
            assertKnownPixelsUntouched(image, out, mask);
        }
    }

    // NHWC float in -1..1, mask 0 = hole, output 0..1, any size padded to a multiple of 8 (101x77 becomes 104x80 by
    // repeating the last column and row, which are known and of the known colour). Distinct R, G, B catch a layout
    // mix-up.
    @Test
    void aGenericContractIsConvertedAsItsSettingsDescribe() throws Exception {
        Path model = new MeanFillModel().names("pixels", "known", "painted").layout(Layout.NHWC).dynamicSize()
                .imageRange(-1, 1).maskValues(0, 1).outputRange(0, 1).write(dir.resolve("generic.onnx"));
        OnnxModelSettings settings = new OnnxModelSettings(model, Contract.GENERIC, 1, "pixels", "known", "painted",
                Layout.NHWC, DataType.FLOAT32, DataType.FLOAT32, ValueRange.MINUS_ONE_TO_ONE, ValueRange.ZERO_TO_ONE,
                0, 1, 0, 0, 8);
        ArgbImage image = paint(solid(101, 77, 0x1E78DC), 0xFFFFFF, 30, 20, 25, 25);
        Mask mask = holes(101, 77, 30, 20, 25, 25);
        try (OnnxInpaintEngine engine = OnnxInpaintEngine.open("generic", settings)) {
            ArgbImage out = engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image();
            assertThat(worstHoleError(out, mask, 30, 20, 25, 25, rgb(0x1E78DC))).isLessThanOrEqualTo(1);
            assertKnownPixelsUntouched(image, out, mask);
        }
    }

    @Test
    void knownPixelsKeepTheirAlphaAndFilledPixelsAreOpaque() throws Exception {
        int[] px = new int[64 * 48];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % 7 == 0 ? 0x40 : 0xFF) << 24 | 0x506070;
        }
        ArgbImage image = new ArgbImage(64, 48, px, true);
        Mask mask = holes(64, 48, 20, 10, 12, 12);
        try (OnnxInpaintEngine engine = migan()) {
            ArgbImage out = engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image();
            assertKnownPixelsUntouched(image, out, mask);
            assertThat(out.hasAlpha()).isTrue();
            for (int i = 0; i < px.length; i++) {
                if (mask.isHole(i)) {
                    assertThat(out.pixels()[i]).isEqualTo(0xFF506070);
                }
            }
        }
    }

    @Test
    void theSameInputGivesTheSameBytes() throws Exception {
        ArgbImage image = TestImages.photo(900, 700);
        Mask mask = holes(900, 700, 100, 100, 80, 30, 600, 500, 200, 120);
        try (OnnxInpaintEngine engine = lama()) {
            ArgbImage first = engine.inpaint(InpaintJob.of(image, mask, "a", 1, "fast")).image();
            ArgbImage second = engine.inpaint(InpaintJob.of(image, mask, "b", 2, "quality")).image();
            assertThat(second.pixels()).isEqualTo(first.pixels());
            assertThat(first.pixels()).isNotEqualTo(image.pixels());
        }
    }

    @Test
    void editsRunningAtOnceShareTheSessionAndAgree() throws Exception {
        ArgbImage image = TestImages.photo(640, 480);
        Mask mask = holes(640, 480, 200, 150, 90, 60);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (OnnxInpaintEngine engine = migan()) {
            int[] expected = engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image().pixels();
            List<Future<int[]>> runs = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                runs.add(pool.submit(() -> engine.inpaint(InpaintJob.of(image, mask, "", 0, "default")).image()
                        .pixels()));
            }
            for (Future<int[]> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void describesItselfAndItsMemory() throws Exception {
        try (OnnxInpaintEngine engine = lama()) {
            assertThat(engine.name()).isEqualTo("lama");
            assertThat(engine.presets()).containsExactlyInAnyOrder("default", "fast", "quality");
            assertThat(engine.capabilities()).as("one thread: deterministic").containsExactlyInAnyOrder(
                    InpaintEngine.Capability.FILLS_FROM_SURROUNDINGS, InpaintEngine.Capability.DETERMINISTIC);
            assertThat(engine.workingBytes(holes(100, 100))).isZero();
            long small = engine.workingBytes(holes(2000, 2000, 10, 10, 5, 5));
            long large = engine.workingBytes(holes(2000, 2000, 10, 10, 1500, 1500));
            assertThat(small).isGreaterThan(512L * 512 * 48);
            assertThat(large).isGreaterThan(small);
            assertThatThrownBy(() -> engine.inpaint(InpaintJob.of(solid(8, 8, 0), holes(8, 8, 1, 1, 2, 2), "", 0,
                    "turbo")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("turbo");
        }
    }

    @Test
    void aMissingOrUnreadableFileIsMisconfigured() throws Exception {
        assertMisconfigured(OnnxModelSettings.lama(dir.resolve("nowhere.onnx"), 1), "nowhere.onnx", "is not a file");
        Path garbage = Files.write(dir.resolve("garbage.onnx"), "not a model at all".getBytes());
        assertMisconfigured(OnnxModelSettings.lama(garbage, 1), "cannot load ONNX model 'm'", "garbage.onnx");
    }

    @Test
    void aWrongInputNameIsMisconfigured() throws Exception {
        Path model = MeanFillModel.lama().names("img", "mask", "output").write(dir.resolve("renamed.onnx"));
        assertMisconfigured(OnnxModelSettings.lama(model, 1), "has no input named 'image'", "'img' float32");
    }

    @Test
    void aWrongOutputNameIsMisconfigured() throws Exception {
        Path model = MeanFillModel.migan().names("image", "mask", "output").write(dir.resolve("renamed.onnx"));
        assertMisconfigured(OnnxModelSettings.migan(model, 1), "has no output named 'result'", "'output' uint8");
    }

    @Test
    void aWrongElementTypeIsMisconfigured() throws Exception {
        Path model = MeanFillModel.lama().names("image", "mask", "result").dynamicSize().write(dir.resolve("f.onnx"));
        assertMisconfigured(OnnxModelSettings.migan(model, 1),
                "input 'image' is float32 [1, 3, -1, -1] but the MIGAN contract expects uint8 [1,3,?,?]");
    }

    @Test
    void aWrongRankIsMisconfigured() throws Exception {
        Path model = MeanFillModel.passThrough(dir.resolve("rank.onnx"), "image", OnnxGraph.FLOAT,
                new Object[] {1L, 3L, 512L, 512L}, "mask", new Object[] {1L, 512L, 512L}, "output");
        assertMisconfigured(OnnxModelSettings.lama(model, 1),
                "input 'mask' has rank 3 [1, 512, 512] but the LAMA contract expects rank 4, float32 [1,1,512,512]");
    }

    @Test
    void aWrongSizeOrLayoutIsMisconfigured() throws Exception {
        Path small = MeanFillModel.lama().size(256, 256).write(dir.resolve("small.onnx"));
        assertMisconfigured(OnnxModelSettings.lama(small, 1),
                "input 'image' has shape [1, 3, 256, 256] but the LAMA contract expects float32 [1,3,512,512]");
        Path nhwc = MeanFillModel.lama().layout(Layout.NHWC).write(dir.resolve("nhwc.onnx"));
        assertMisconfigured(OnnxModelSettings.lama(nhwc, 1), "input 'image' has shape [1, 512, 512, 3]");
        Path fixed = MeanFillModel.migan().size(512, 512).write(dir.resolve("fixed.onnx"));
        assertMisconfigured(OnnxModelSettings.migan(fixed, 1), "has a fixed size", "takes any size");
    }

    @Test
    void aNamedContractCannotBeChanged() {
        Path model = dir.resolve("m.onnx");
        assertThatThrownBy(() -> new OnnxModelSettings(model, Contract.LAMA, 1, "image", "mask", "output",
                Layout.NCHW, DataType.FLOAT32, DataType.FLOAT32, ValueRange.ZERO_TO_ONE, ValueRange.ZERO_TO_ONE,
                1, 0, 512, 512, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the LAMA contract fixes")
                .hasMessageContaining("GENERIC");
        assertThat(OnnxModelSettings.lama(model, 2).fixedSize()).isTrue();
        assertThat(OnnxModelSettings.migan(model, 2).maskHole()).isZero();
        assertThatThrownBy(() -> new OnnxModelSettings(model, Contract.GENERIC, 1, "image", "mask", "result",
                Layout.NCHW, DataType.UINT8, DataType.UINT8, ValueRange.ZERO_TO_ONE, ValueRange.ZERO_TO_255,
                0, 255, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint8 image input holds 0..255");
    }

    /**
     * LaMa's tensors around a model slow enough to cancel: the output is the image multiplied by itself, as
     * matrices, {@code products} times (each 3 x 512^3 multiply-adds, some 15 ms on one core here), so it runs for
     * about a minute and ONNX Runtime has a node boundary every few milliseconds to notice its terminate flag.
     */
    private Path slowModel(int products) throws Exception {
        OnnxGraph g = new OnnxGraph("slow");
        g.input("image", OnnxGraph.FLOAT, 1L, 3L, 512L, 512L);
        g.input("mask", OnnxGraph.FLOAT, 1L, 1L, 512L, 512L);
        g.output("output", OnnxGraph.FLOAT, 1L, 3L, 512L, 512L);
        String previous = "image";
        for (int i = 0; i < products; i++) {
            String next = i == products - 1 ? "output" : "t_" + i;
            g.node("MatMul", next, previous, "image");
            previous = next;
        }
        return g.write(dir.resolve("slow.onnx"));
    }

    /**
     * Cancelled while its run is in progress, the engine sets the run's terminate flag and ONNX Runtime stops at
     * the next node: the call ends in a small part of the minute the model would take, with a cancellation rather
     * than ONNX Runtime's message. (Not cancelled, the run would go on to the end: nothing else stops it.)
     */
    @Test
    void aCancelledRunIsTerminatedBetweenNodes() throws Exception {
        OnnxInpaintEngine engine = OnnxInpaintEngine.open("slow", OnnxModelSettings.lama(slowModel(4000), 1));
        WatchedCancellation watched = WatchedCancellation.never();
        InpaintJob job = InpaintJob.of(TestImages.photo(64, 64), holes(64, 64, 20, 20, 10, 10), "", 1, "default")
                .withCancellation(watched);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        new Thread(() -> {
            try {
                engine.inpaint(job);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "slow-onnx-run").start();
        boolean ended = false;
        try {
            assertThat(watched.registered.await(30, TimeUnit.SECONDS)).as("a stop registered for the run").isTrue();
            Thread.sleep(100); // into the run, so that the flag stops a run in progress
            watched.cancel();
            assertThat(outcome.get(20, TimeUnit.SECONDS)).isInstanceOf(BackendException.class)
                    .hasMessageContaining("slow").hasMessageContaining("cancelled");
            ended = true;
        } finally {
            if (ended) {
                engine.close(); // a session must not be closed under a run that is still going
            }
        }
    }

    @Test
    void aJobCancelledBeforeItsCropNeverReachesTheModel() throws Exception {
        try (OnnxInpaintEngine engine = lama()) {
            WatchedCancellation cancelled = WatchedCancellation.atLook(1);
            assertThatThrownBy(() -> engine.inpaint(InpaintJob.of(solid(64, 64, 0x336699), holes(64, 64, 8, 8, 8, 8),
                    "", 1, "default").withCancellation(cancelled)))
                    .isInstanceOf(BackendException.class).hasMessageContaining("cancelled");
            assertThat(cancelled.registered.getCount()).as("no run was started").isOne();
        }
    }

    private static void assertMisconfigured(OnnxModelSettings settings, String... fragments) {
        assertThatThrownBy(() -> OnnxInpaintEngine.open("m", settings).close())
                .isInstanceOfSatisfying(BackendException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.MISCONFIGURED))
                .hasMessageContainingAll(fragments);
    }
}
