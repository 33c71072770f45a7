package io.brushwork.engine.patchmatch;

import io.brushwork.engine.Cancellation;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills one region by multi-scale expectation-maximisation (Wexler, Shechtman, Irani 2007): build a pyramid down
 * to where the hole is about a patch across, start the coarsest level from Telea's fill, and at each level
 * alternate PatchMatch search and voting; each level's field seeds the next finer one. The finest result gets a
 * last, sharpened vote and its seam with the known pixels blended over two pixels, and is written into the owned
 * hole pixels of {@code out}.
 *
 * <p>It looks at the job's cancellation before each level, each EM round and each PatchMatch pass: the longest
 * stretch between looks is one pass over a level's targets (the full-resolution level of a large hole), and a
 * look is one read of a flag, so the rounds' results do not change.
 */
final class RegionFill {
    private static final TeleaEngine TELEA = new TeleaEngine();
    /**
     * Mean change of L (0..100) per hole pixel below which a full-resolution round stops the level: invisible, and
     * on the 2048x2048 benchmark it saves about a third of the quality preset's time. Applied at coarse levels it
     * also saved time but let brick-like structure settle misaligned, so it is not.
     */
    private static final double CONVERGED = 0.2;
    /**
     * How far the full-resolution search looks around each match (see {@link PatchField#limitSearch}). Looking
     * across the whole crop there, as the coarser levels do, took a tenth to a fifth more CPU time at 2048x2048 and
     * changed neither PSNR nor SSIM in the hole on the fill benchmark: the matches it could find were found above.
     */
    private static final int FINEST_SEARCH_RADIUS = 8;
    /**
     * The same for the level above it (half resolution), where the 2048x2048 benchmark spends about half of its
     * time. Its field is seeded from a level that searched the whole crop: counted there, about 95% of the field's
     * improvements came from propagation and 0.5% from random samples farther than 32 pixels. Over 3 photos x 3
     * mask seeds x rectangles and thick strokes, SSIM in the hole moved by less than changing the fill's seed moves
     * it (docs/BENCHMARKS.md, "Round 2 of the fill"). The levels above keep the whole crop: 16 or 32 there cost SSIM.
     */
    private static final int NEXT_TO_FINEST_SEARCH_RADIUS = 32;

    private final FillSettings settings;
    private final SplittableRandom random;
    private final Cancellation cancellation;

    RegionFill(FillSettings settings, SplittableRandom random, Cancellation cancellation) {
        this.settings = settings;
        this.random = random;
        this.cancellation = cancellation;
    }

    private void check() {
        cancellation.check(PatchMatchEngine.NAME);
    }

    void fill(ArgbImage image, Mask mask, Region region, int[] out) {
        int r = settings.patchRadius();
        List<Level> pyramid = pyramid(crop(image, mask, region), r);
        initialiseCoarsest(pyramid.get(pyramid.size() - 1), image.hasAlpha());

        PatchField previous = null;
        for (int l = pyramid.size() - 1; l >= 0; l--) {
            check();
            Level level = pyramid.get(l);
            PatchField field = new PatchField(level, l == 0 ? settings.finestPatchRadius() : r, random);
            if (!field.hasSources()) {
                // Too small to hold a whole known patch: keep what the coarser level (or Telea) gave.
                if (l > 0) {
                    upsampleColours(level, pyramid.get(l - 1));
                }
                previous = null;
                continue;
            }
            float[] distanceToKnown = level.distanceToKnown();
            if (previous == null) {
                field.randomise();
            } else {
                field.upsampleFrom(previous);
                if (l == 0) {
                    field.limitSearch(FINEST_SEARCH_RADIUS);
                } else if (l == 1) {
                    field.limitSearch(NEXT_TO_FINEST_SEARCH_RADIUS);
                }
                field.vote(distanceToKnown, true);
            }
            field.computeCosts();
            int rounds = l == 0 ? settings.finestEmIterations() : settings.emIterations();
            for (int round = 0; round < rounds; round++) {
                for (int pass = 0; pass < settings.searchIterations(); pass++) {
                    check();
                    field.search(pass);
                }
                check();
                double change = field.vote(distanceToKnown, false);
                field.computeCosts();
                if (l == 0 && change < CONVERGED) {
                    break; // at full resolution only: coarse levels keep all their rounds, they settle structure
                }
            }
            if (l == 0) {
                field.sharpenedVote(distanceToKnown);
                blendSeam(level, field, distanceToKnown);
            }
            if (l > 0) {
                pyramid.set(l, null); // done with: its field seeds the next level, its pixels are no longer needed
            }
            previous = field;
        }
        writeBack(pyramid.get(0), region, image, out);
    }

    private static Level crop(ArgbImage image, Mask mask, Region region) {
        int w = region.width();
        int h = region.height();
        int n = image.hasAlpha() ? 4 : 3;
        float[] c = new float[w * h * n];
        boolean[] hole = new boolean[w * h];
        int[] px = image.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int src = (y + region.y0()) * image.width() + x + region.x0();
                hole[i] = mask.isHole(src);
                if (!hole[i]) {
                    Lab.fromRgb(px[src], c, i * n);
                    if (n == 4) {
                        c[i * n + 3] = px[src] >>> 24;
                    }
                }
            }
        }
        return new Level(w, h, n, c, hole);
    }

    /** Halves the region until the hole is within about a patch radius of known pixels, while patches still fit. */
    private static List<Level> pyramid(Level base, int r) {
        List<Level> levels = new ArrayList<>();
        levels.add(base);
        float depth = max(base.distanceToKnown());
        int minSide = 3 * (2 * r + 1);
        Level level = base;
        while (depth > r && level.width / 2 >= minSide && level.height / 2 >= minSide) {
            level = level.downsample();
            levels.add(level);
            depth /= 2;
        }
        return levels;
    }

    private static float max(float[] values) {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static void initialiseCoarsest(Level level, boolean alpha) {
        int n = level.width * level.height;
        int[] argb = new int[n];
        boolean[] hole = level.hole;
        int ch = level.channels;
        for (int i = 0; i < n; i++) {
            int a = ch == 4 ? Math.max(0, Math.min(255, Math.round(level.colour[i * ch + 3]))) : 255;
            argb[i] = a << 24 | Lab.toRgb(level.colour, i * ch);
        }
        boolean anyKnown = false;
        for (boolean h : hole) {
            anyKnown |= !h;
        }
        if (!anyKnown) {
            return; // nothing to grow from; the engine refuses such masks before this
        }
        ArgbImage filled = TELEA.inpaint(InpaintJob.of(new ArgbImage(level.width, level.height, argb, alpha),
                new Mask(level.width, level.height, hole), "", 0, "fast")).image();
        for (int i = 0; i < n; i++) {
            if (hole[i]) {
                int p = filled.pixels()[i];
                Lab.fromRgb(p, level.colour, i * ch);
                if (ch == 4) {
                    level.colour[i * ch + 3] = p >>> 24;
                }
            }
        }
    }

    /** Nearest-neighbour upsampling of hole colours, for a level that could not be searched. */
    private static void upsampleColours(Level coarse, Level fine) {
        for (int y = 0; y < fine.height; y++) {
            for (int x = 0; x < fine.width; x++) {
                int i = y * fine.width + x;
                if (fine.hole[i]) {
                    int c = Math.min(y / 2, coarse.height - 1) * coarse.width + Math.min(x / 2, coarse.width - 1);
                    System.arraycopy(coarse.colour, c * fine.channels, fine.colour, i * fine.channels,
                            fine.channels);
                }
            }
        }
    }

    /**
     * Where the copied patches disagree with the known pixels at the hole's edge (a shift in brightness, say), the
     * difference is carried into the first two rings of the hole, fading, so the seam does not show. Where they
     * agree, as on a texture rebuilt exactly, nothing changes.
     */
    private static void blendSeam(Level level, PatchField field, float[] distanceToKnown) {
        int w = level.width;
        int h = level.height;
        int n = level.channels;
        float[] predicted = field.predictKnown(distanceToKnown, level.distanceToHole(), 2.9f);
        float[] c = level.colour;
        float[] residual = new float[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int q = y * w + x;
                float depth = distanceToKnown[q];
                if (!level.hole[q] || depth > 2.5f) {
                    continue;
                }
                Arrays.fill(residual, 0);
                float total = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                            continue;
                        }
                        int k = ny * w + nx;
                        int t = field.ordinal(k);
                        if (level.hole[k] || t < 0 || Float.isNaN(predicted[t * n])) {
                            continue;
                        }
                        float wk = 1f / (1 + dx * dx + dy * dy);
                        for (int ch = 0; ch < n; ch++) {
                            residual[ch] += wk * (c[k * n + ch] - predicted[t * n + ch]);
                        }
                        total += wk;
                    }
                }
                if (total == 0) {
                    continue;
                }
                float fade = depth <= 1.5f ? 2f / 3 : 1f / 3;
                for (int ch = 0; ch < n; ch++) {
                    c[q * n + ch] += fade * residual[ch] / total;
                }
            }
        }
    }

    private static void writeBack(Level level, Region region, ArgbImage image, int[] out) {
        for (int index : region.holePixels()) {
            int x = index % image.width() - region.x0();
            int y = index / image.width() - region.y0();
            int i = (y * level.width + x) * level.channels;
            int a = level.channels == 4 ? Math.max(0, Math.min(255, Math.round(level.colour[i + 3]))) : 255;
            out[index] = a << 24 | Lab.toRgb(level.colour, i);
        }
    }
}
