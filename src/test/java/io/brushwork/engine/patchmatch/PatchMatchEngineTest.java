package io.brushwork.engine.patchmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.WatchedCancellation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class PatchMatchEngineTest {
    private final PatchMatchEngine engine = new PatchMatchEngine();

    private static ArgbImage texture(int w, int h, IntBinaryOperator colourAt) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = 0xFF000000 | colourAt.applyAsInt(x, y);
            }
        }
        return new ArgbImage(w, h, px, false);
    }

    private static ArgbImage stripes() {
        return texture(160, 120, (x, y) -> (x / 5) % 2 == 0 ? 0xC83228 : 0x2850B4);
    }

    private static ArgbImage checkerboard() {
        return texture(160, 120, (x, y) -> ((x / 8) + (y / 8)) % 2 == 0 ? 0xF0F0E6 : 0x282828);
    }

    /**
     * Bricks 24x10 with 2-pixel mortar, every other row offset by half a brick, alternate bricks a shade darker:
     * a texture that repeats every 52x24 pixels, with structure that a smear cannot fake.
     */
    private static ArgbImage bricks() {
        return texture(200, 160, (x, y) -> {
            int row = y / 12;
            int shifted = x + (row % 2) * 13;
            boolean mortar = y % 12 >= 10 || shifted % 26 >= 24;
            boolean dark = (shifted / 26) % 2 == 0;
            return mortar ? 0xC8C8BE : dark ? 0x8C3020 : 0xA84830;
        });
    }

    /** PSNR over the hole, in dB, of 8-bit RGB. */
    private static double psnrInHole(ArgbImage truth, ArgbImage result, Mask mask) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < mask.cells().length; i++) {
            if (!mask.isHole(i)) {
                continue;
            }
            for (int shift = 0; shift < 24; shift += 8) {
                int d = ((truth.pixels()[i] >> shift) & 0xff) - ((result.pixels()[i] >> shift) & 0xff);
                sum += d * d;
                n++;
            }
        }
        double mse = sum / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    @Test
    void periodicTexturesComeBackAlmostExactly() {
        for (var entry : java.util.Map.of("stripes", stripes(), "checkerboard", checkerboard(), "bricks", bricks())
                .entrySet()) {
            ArgbImage texture = entry.getValue();
            Mask hole = Mask.fromImage(TestImages.mask(texture.width(), texture.height(), 60, 40, 36, 30));
            for (String preset : engine.presets()) {
                ArgbImage out = engine.inpaint(InpaintJob.of(texture, hole, "", 11, preset)).image();
                assertThat(psnrInHole(entry.getValue(), out, hole)).as("%s, %s preset", entry.getKey(), preset)
                        .isGreaterThanOrEqualTo(30.0);
            }
        }
    }

    /** The reason this engine exists: on texture, Telea's smear scores far lower. */
    @Test
    void beatsTeleaOnTexture() {
        ArgbImage truth = bricks();
        Mask hole = Mask.fromImage(TestImages.mask(200, 160, 60, 40, 36, 30));
        InpaintJob job = InpaintJob.of(truth, hole, "", 1, "quality");
        double patchmatch = psnrInHole(truth, engine.inpaint(job).image(), hole);
        double telea = psnrInHole(truth, new TeleaEngine().inpaint(job).image(), hole);
        assertThat(patchmatch).isGreaterThan(telea + 10);
    }

    @Test
    void sameSeedSameBytesWhateverTheThreadCount() throws Exception {
        ArgbImage photo = TestImages.photo(200, 150);
        // Three holes far apart: three regions filled in parallel.
        Mask mask = Mask.fromImage(TestImages.mask(200, 150, 10, 10, 20, 15, 150, 20, 25, 20, 80, 110, 30, 25));
        InpaintJob job = InpaintJob.of(photo, mask, "", 42, "quality");
        ArgbImage single = new ForkJoinPool(1).submit(() -> engine.inpaint(job).image()).get();
        ArgbImage many = new ForkJoinPool(4).submit(() -> engine.inpaint(job).image()).get();
        ArgbImage again = engine.inpaint(job).image();
        assertThat(many.pixels()).isEqualTo(single.pixels()).isEqualTo(again.pixels());
    }

    /** One hole large enough that its levels are searched and voted in several bands at once. */
    @Test
    void oneLargeHoleSearchedInBandsGivesTheSameBytesWhateverTheThreadCount() throws Exception {
        ArgbImage photo = TestImages.photo(400, 300);
        Mask mask = Mask.fromImage(TestImages.mask(400, 300, 130, 90, 150, 120));
        InpaintJob job = InpaintJob.of(photo, mask, "", 7, "fast");
        ArgbImage single = new ForkJoinPool(1).submit(() -> engine.inpaint(job).image()).get();
        for (int run = 0; run < 3; run++) {
            ArgbImage many = new ForkJoinPool(4).submit(() -> engine.inpaint(job).image()).get();
            assertThat(many.pixels()).isEqualTo(single.pixels());
        }
    }

    @Test
    void differentSeedsGiveDifferentPlausibleFills() {
        ArgbImage photo = TestImages.photo(120, 90);
        Mask mask = Mask.fromImage(TestImages.mask(120, 90, 40, 30, 30, 25));
        ArgbImage a = engine.inpaint(InpaintJob.of(photo, mask, "", 1, "fast")).image();
        ArgbImage b = engine.inpaint(InpaintJob.of(photo, mask, "", 2, "fast")).image();
        assertThat(a.pixels()).isNotEqualTo(b.pixels());
    }

    @Test
    void knownPixelsAndTheInputAreUntouchedAndBorderHolesAreFilled() {
        ArgbImage photo = TestImages.photo(100, 80);
        int[] before = photo.pixels().clone();
        Mask mask = Mask.fromImage(TestImages.mask(100, 80, 0, 0, 15, 12, 85, 60, 15, 20, 40, 30, 12, 10));
        ArgbImage out = engine.inpaint(InpaintJob.of(photo, mask, "", 5, "quality")).image();
        assertThat(photo.pixels()).isEqualTo(before);
        for (int i = 0; i < before.length; i++) {
            if (!mask.isHole(i)) {
                assertThat(out.pixels()[i]).isEqualTo(before[i]);
            } else {
                assertThat(out.pixels()[i] >>> 24).isEqualTo(255);
            }
        }
    }

    @Test
    void tinyImagesWithoutWholeKnownPatchesStillGetFilled() {
        ArgbImage photo = TestImages.photo(9, 9);
        Mask mask = Mask.fromImage(TestImages.mask(9, 9, 3, 3, 3, 3));
        ArgbImage out = engine.inpaint(InpaintJob.of(photo, mask, "", 0, "fast")).image();
        for (int i = 0; i < 81; i++) {
            if (mask.isHole(i)) {
                assertThat(out.pixels()[i]).isNotEqualTo(0xFF000000);
            }
        }
    }

    @Test
    void alphaIsFilledToo() {
        int[] px = new int[60 * 40];
        java.util.Arrays.fill(px, 0x80336699);
        ArgbImage translucent = new ArgbImage(60, 40, px, true);
        Mask mask = Mask.fromImage(TestImages.mask(60, 40, 20, 10, 12, 12));
        ArgbImage out = engine.inpaint(InpaintJob.of(translucent, mask, "", 0, "quality")).image();
        assertThat(out.pixels()[25 * 60 + 26] >>> 24).isBetween(0x7E, 0x82);
    }

    /**
     * Cancelled at a look halfway through, the fill stops right there: no look (so no level, round or pass) after
     * the cancelled one. Looking never changes the result.
     */
    @Test
    void aCancelledFillStopsAtItsNextLookAndLookingChangesNothing() {
        ArgbImage photo = bricks();
        Mask hole = Mask.fromImage(TestImages.mask(200, 160, 70, 50, 50, 40));
        InpaintJob job = InpaintJob.of(photo, hole, "", 3, "quality");
        WatchedCancellation watched = WatchedCancellation.never();

        ArgbImage looked = engine.inpaint(job.withCancellation(watched)).image();
        assertThat(looked.pixels()).isEqualTo(engine.inpaint(job).image().pixels());
        long looks = watched.looks.get();
        assertThat(looks).as("a look before every level, round and pass").isGreaterThan(20);

        WatchedCancellation halfway = WatchedCancellation.atLook(looks / 2);
        assertThatThrownBy(() -> engine.inpaint(job.withCancellation(halfway)))
                .isInstanceOf(BackendException.class).hasMessageContaining("cancelled");
        assertThat(halfway.looks).as("nothing ran after the cancelled look").hasValue(looks / 2);
    }

    /**
     * Cancelled from another thread while two regions fill in parallel on a larger photo, each region stops at
     * its next look, and the engine answers only once both have: at most one cancelled look per region.
     */
    @Test
    void aFillCancelledFromAnotherThreadStopsEveryRegion() throws Exception {
        ArgbImage photo = TestImages.photo(640, 480);
        Mask holes = Mask.fromImage(TestImages.mask(640, 480, 60, 60, 150, 120, 420, 280, 150, 120));
        WatchedCancellation watched = WatchedCancellation.never();
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                engine.inpaint(InpaintJob.of(photo, holes, "", 1, "quality").withCancellation(watched));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }, runnable -> new Thread(runnable, "fill").start());
        while (watched.looks.get() < 4 && !failure.isDone()) {
            Thread.sleep(1);
        }
        watched.cancel();
        assertThat(failure.get(60, TimeUnit.SECONDS)).as("the fill stopped rather than finished")
                .isInstanceOf(BackendException.class).hasMessageContaining("cancelled");
        assertThat(watched.cancelledLooks.get()).as("one stop per region").isBetween(1L, 2L);
    }
}
