package io.brushwork.engine.telea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.InpaintJob;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.WatchedCancellation;
import org.junit.jupiter.api.Test;

class TeleaEngineTest {
    private final TeleaEngine telea = new TeleaEngine();

    /** A horizontal ramp: a correct fill of a thin vertical scratch lands within a level or two of the truth. */
    @Test
    void fillsAThinScratchInASmoothImageAlmostExactly() {
        int w = 64, h = 48;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 40 + x * 2;
                px[y * w + x] = 0xFF000000 | v << 16 | (200 - x) << 8 | 90;
            }
        }
        ArgbImage ramp = new ArgbImage(w, h, px, false);
        Mask scratch = Mask.fromImage(TestImages.mask(w, h, 30, 5, 3, 38));

        for (String preset : telea.presets()) {
            ArgbImage out = telea.inpaint(InpaintJob.of(ramp, scratch, "", 0, preset)).image();
            int worst = 0;
            for (int i = 0; i < px.length; i++) {
                if (scratch.isHole(i)) {
                    worst = Math.max(worst, maxChannelDifference(out.pixels()[i], px[i]));
                }
            }
            assertThat(worst).as("largest error in the scratch, preset %s", preset).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void leavesKnownPixelsAndTheInputAlone() {
        ArgbImage photo = TestImages.photo(50, 40);
        int[] before = photo.pixels().clone();
        Mask mask = Mask.fromImage(TestImages.mask(50, 40, 10, 10, 5, 5, 30, 25, 12, 2));
        ArgbImage out = telea.inpaint(InpaintJob.of(photo, mask, "a prompt", 7, "quality")).image();
        assertThat(photo.pixels()).as("input untouched").isEqualTo(before);
        for (int i = 0; i < before.length; i++) {
            if (!mask.isHole(i)) {
                assertThat(out.pixels()[i]).isEqualTo(before[i]);
            } else {
                assertThat(out.pixels()[i] >>> 24).as("filled pixels are opaque").isEqualTo(255);
            }
        }
    }

    @Test
    void holesTouchingTheImageBorderAreFilled() {
        ArgbImage photo = TestImages.photo(30, 30);
        Mask corner = Mask.fromImage(TestImages.mask(30, 30, 0, 0, 6, 6, 24, 24, 6, 6));
        ArgbImage out = telea.inpaint(InpaintJob.of(photo, corner, "", 0, "fast")).image();
        assertThat(maxChannelDifference(out.pixels()[0], photo.pixels()[0])).isLessThan(60);
        assertThat(maxChannelDifference(out.pixels()[30 * 30 - 1], photo.pixels()[30 * 30 - 1])).isLessThan(60);
    }

    @Test
    void isDeterministicAndIgnoresTheSeed() {
        ArgbImage photo = TestImages.photo(80, 60);
        Mask mask = Mask.fromImage(TestImages.mask(80, 60, 20, 20, 10, 10));
        ArgbImage a = telea.inpaint(InpaintJob.of(photo, mask, "", 1, "quality")).image();
        ArgbImage b = telea.inpaint(InpaintJob.of(photo, mask, "", 1, "quality")).image();
        ArgbImage c = telea.inpaint(InpaintJob.of(photo, mask, "", 99, "quality")).image();
        assertThat(a.pixels()).isEqualTo(b.pixels()).isEqualTo(c.pixels());
    }

    @Test
    void unknownPresetIsRefused() {
        ArgbImage photo = TestImages.photo(8, 8);
        Mask mask = Mask.fromImage(TestImages.mask(8, 8, 2, 2, 2, 2));
        assertThatThrownBy(() -> telea.inpaint(InpaintJob.of(photo, mask, "", 0, "ultra")).image())
                .hasMessageContaining("ultra").hasMessageContaining("fast");
    }

    private static int maxChannelDifference(int p, int q) {
        int worst = 0;
        for (int shift = 0; shift < 32; shift += 8) {
            worst = Math.max(worst, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
        }
        return worst;
    }

    /** The march looks every few thousand pixels; cancelled at its second look, it stops there. */
    @Test
    void aCancelledMarchStopsAtItsNextLookAndLookingChangesNothing() {
        ArgbImage photo = TestImages.photo(300, 300);
        Mask hole = Mask.fromImage(TestImages.mask(300, 300, 50, 50, 200, 200));
        InpaintJob job = InpaintJob.of(photo, hole, "", 0, "quality");
        WatchedCancellation watched = WatchedCancellation.never();

        assertThat(telea.inpaint(job.withCancellation(watched)).image().pixels())
                .isEqualTo(telea.inpaint(job).image().pixels());
        assertThat(watched.looks.get()).as("over 40,000 pixels settled, a look every 4096")
                .isGreaterThanOrEqualTo(200 * 200 / FastMarchingFill.CHECK_EVERY);

        WatchedCancellation second = WatchedCancellation.atLook(2);
        assertThatThrownBy(() -> telea.inpaint(job.withCancellation(second)))
                .isInstanceOf(BackendException.class).hasMessageContaining("telea").hasMessageContaining("cancelled");
        assertThat(second.looks).as("nothing ran after the cancelled look").hasValue(2);
    }
}
