package io.brushwork.engine.patchmatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.engine.InpaintJob;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.testing.TestImages;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** A border that extends the photo, as a reframe's does: filled from what is next to it, not from the subject. */
class OutpaintTest {
    private static final int PHOTO_W = 128;
    private static final int H = 96;
    private static final int BORDER = 64;
    private static final int W = PHOTO_W + 2 * BORDER;
    private static final int DISC = 0xFFE020;

    private final PatchMatchEngine engine = new PatchMatchEngine();

    /**
     * A 128x96 photo of a bright yellow disc (radius 20, 44 px from the photo's sides) on a bluish texture of
     * diagonal ripples and noise, centred on a canvas with 64-px borders left and right, as a reframe places it.
     */
    private static ArgbImage canvas() {
        int[] px = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = BORDER; x < BORDER + PHOTO_W; x++) {
                int dx = x - W / 2;
                int dy = y - H / 2;
                int colour;
                if (dx * dx + dy * dy <= 20 * 20) {
                    colour = DISC;
                } else {
                    int noise = (int) ((x * 73856093L ^ y * 19349663L) & 15);
                    int ripple = (int) (12 * Math.sin((x + 2 * y) / 5.0));
                    colour = (40 + ripple + noise) << 16 | (90 + ripple + noise) << 8 | (170 + ripple);
                }
                px[y * W + x] = 0xFF000000 | colour;
            }
        }
        return new ArgbImage(W, H, px, false);
    }

    private static Mask border() {
        return Mask.fromImage(TestImages.mask(W, H, 0, 0, BORDER, H, BORDER + PHOTO_W, 0, BORDER, H));
    }

    /**
     * On this clean texture the whole-photo context the fill used before did not clone the disc either (on real
     * photos it did: a reframed portrait got three more heads); the next test is the one that pins the band.
     */
    @Test
    void theBorderContinuesTheBackgroundAndNeverCopiesTheSubject() {
        Mask border = border();
        ArgbImage out = engine.inpaint(InpaintJob.of(canvas(), border, "", 1, "quality")).image();
        int discLike = 0;
        long[] sum = new long[3];
        int holes = 0;
        for (int i = 0; i < W * H; i++) {
            if (!border.isHole(i)) {
                continue;
            }
            int p = out.pixels()[i];
            int r = p >> 16 & 0xff;
            int g = p >> 8 & 0xff;
            int b = p & 0xff;
            // Yellow: red and green high, blue low; the background never comes near.
            if (r > 150 && g > 150 && b < 120) {
                discLike++;
            }
            sum[0] += r;
            sum[1] += g;
            sum[2] += b;
            holes++;
        }
        assertThat(discLike).as("pixels of the disc's colour in the border").isZero();
        // The background averages about (47, 97, 170).
        assertThat(sum[0] / holes).isBetween(30L, 65L);
        assertThat(sum[1] / holes).isBetween(80L, 115L);
        assertThat(sum[2] / holes).isBetween(150L, 190L);
    }

    /** Each side is its own region, its crop the side and a band of the photo that stops short of the disc. */
    @Test
    void eachSideIsFilledFromABandNextToIt() {
        List<Region> regions = HoleRegions.of(border(), 18, 36);
        assertThat(regions).hasSize(2).allMatch(Region::outpaint);
        assertThat(regions.get(0).x0()).isZero();
        assertThat(regions.get(0).width()).isEqualTo(BORDER + 36);
        assertThat(regions.get(1).x0()).isEqualTo(BORDER + PHOTO_W - 36);
        assertThat(regions.get(1).x0() + regions.get(1).width()).isEqualTo(W);
    }

    @Test
    void sameSeedSameBytesWhateverTheThreadCount() throws Exception {
        InpaintJob job = InpaintJob.of(canvas(), border(), "", 9, "fast");
        ArgbImage single = new ForkJoinPool(1).submit(() -> engine.inpaint(job).image()).get();
        ArgbImage many = new ForkJoinPool(4).submit(() -> engine.inpaint(job).image()).get();
        assertThat(many.pixels()).isEqualTo(single.pixels()).isEqualTo(engine.inpaint(job).image().pixels());
    }

    /**
     * Holes inside the photo, and holes that touch its edge without running along a whole side, take the fill's
     * ordinary path: their regions are not border ones. (Their bytes were compared with the fill before the border
     * path existed when it was added; pinning them here would break on every deliberate change to the fill.)
     */
    @Test
    void interiorAndCornerHolesAreNotTreatedAsBorders() {
        Mask interior = Mask.fromImage(TestImages.mask(200, 150, 10, 10, 20, 15, 150, 20, 25, 20, 80, 60, 60, 50));
        Mask corner = Mask.fromImage(TestImages.mask(200, 150, 0, 0, 30, 25, 170, 100, 30, 50));
        assertThat(HoleRegions.of(interior, 18, 36)).noneMatch(Region::outpaint);
        assertThat(HoleRegions.of(corner, 18, 36)).noneMatch(Region::outpaint);
    }
}
