package io.brushwork.engine.patchmatch;

import io.brushwork.image.Dilation;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The nearest-neighbour field of one pyramid level: for every patch that touches the hole (a target), the centre of
 * a patch made of known pixels only (a source) that looks like it, found by PatchMatch (Barnes et al. 2009), and
 * the vote that turns the matches back into hole colours (Wexler et al. 2007).
 *
 * <p>Per-target state lives in compact arrays indexed by the target's ordinal; only the ordinal map and the source
 * validity cover the whole level, which keeps a large region's memory near what its holes need.
 */
final class PatchField {
    /** Wexler's confidence falloff: a patch centred d pixels inside the hole counts gamma^-d. */
    private static final double GAMMA = 1.3;
    private static final int SAMPLE_TRIES = 64;
    /**
     * Targets per band, at least: a level with fewer is searched, costed and voted as one band on one thread, a
     * larger one in up to {@link #MAX_BANDS} bands in parallel (see {@link #search}). Bands let one region use
     * every core: on 2 cores a 512x512 fill with one 96x128 hole took about a third less wall time, and over 7
     * photos x 3 mask seeds PSNR and SSIM in the hole moved less than changing the fill's seed moves them
     * (docs/BENCHMARKS.md, "Round 4 of the fill").
     */
    private static final int BAND_TARGETS = 1024;
    private static final int MAX_BANDS = 32;

    private final Level level;
    private final int r;
    private final SplittableRandom random;
    private final boolean[] isValid;
    private final int validCount;
    /** Target pixel indices in scan order. */
    private final int[] targets;
    /** For every pixel, its ordinal among the targets, or -1. */
    private final int[] ordinal;
    private final int[] source;
    private final float[] cost;
    /** Hole pixels among the targets. */
    private final int holeTargets;
    /** How far the random search looks around a target's best match, at most. */
    private int searchRadius = Integer.MAX_VALUE;

    PatchField(Level level, int r, SplittableRandom random) {
        this.level = level;
        this.r = r;
        this.random = random;
        int w = level.width;
        int h = level.height;
        // A pixel within r of a hole is a target; a pixel farther away, with its whole patch inside, a source.
        boolean[] near = Dilation.square(level.hole, w, h, r);
        this.isValid = new boolean[near.length];
        int valid = 0;
        int count = 0;
        for (int i = 0; i < near.length; i++) {
            if (near[i]) {
                count++;
                continue;
            }
            int x = i % w;
            int y = i / w;
            if (x >= r && y >= r && x < w - r && y < h - r) {
                isValid[i] = true;
                valid++;
            }
        }
        this.validCount = valid;
        this.targets = new int[count];
        this.ordinal = new int[near.length];
        int t = 0;
        for (int i = 0; i < near.length; i++) {
            if (near[i]) {
                ordinal[i] = t;
                targets[t++] = i;
            } else {
                ordinal[i] = -1;
            }
        }
        this.source = new int[count];
        this.cost = new float[count];
        int holes = 0;
        for (boolean isHole : level.hole) {
            holes += isHole ? 1 : 0;
        }
        this.holeTargets = holes;
    }

    /** Whether any patch of known pixels exists at this level; without one there is nothing to copy from. */
    boolean hasSources() {
        return validCount > 0;
    }

    /** A uniformly random valid source: rejection sampling, then a scan from a random point if sources are rare. */
    private int randomSource() {
        int n = isValid.length;
        for (int i = 0; i < SAMPLE_TRIES; i++) {
            int candidate = random.nextInt(n);
            if (isValid[candidate]) {
                return candidate;
            }
        }
        int start = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            int candidate = (start + i) % n;
            if (isValid[candidate]) {
                return candidate;
            }
        }
        throw new IllegalStateException("no valid source"); // callers check hasSources() first
    }

    void randomise() {
        for (int k = 0; k < targets.length; k++) {
            source[k] = randomSource();
        }
    }

    /** Seeds this field from the next coarser one: the same match, twice as far, plus the pixel's own offset. */
    void upsampleFrom(PatchField coarse) {
        int cw = coarse.level.width;
        int ch = coarse.level.height;
        int w = level.width;
        for (int k = 0; k < targets.length; k++) {
            int p = targets[k];
            int x = p % w;
            int y = p / w;
            int cp = coarse.ordinal[Math.min(y / 2, ch - 1) * cw + Math.min(x / 2, cw - 1)];
            int candidate = -1;
            if (cp >= 0) {
                int cs = coarse.source[cp];
                int sx = 2 * (cs % cw) + (x & 1);
                int sy = 2 * (cs / cw) + (y & 1);
                if (sx < w && sy < level.height) {
                    candidate = sy * w + sx;
                }
            }
            source[k] = candidate >= 0 && isValid[candidate] ? candidate : randomSource();
        }
    }

    /**
     * Keeps the random search within {@code radius} pixels of each target's best match: for a field seeded from a
     * coarser level, which has already looked across the whole region, so that only refining is left.
     */
    void limitSearch(int radius) {
        this.searchRadius = radius;
    }

    void computeCosts() {
        int w = level.width;
        inBands(band -> {
            for (int k = band.from(); k < band.to(); k++) {
                int p = targets[k];
                int s = source[k];
                cost[k] = distance(p % w, p / w, s % w, s / w, Float.MAX_VALUE);
            }
            return 0;
        });
    }

    /**
     * One PatchMatch pass: propagation from already-visited neighbours, then random search around the best. Each
     * band of targets is searched in scan order on its own, with its own random numbers split from the field's in
     * band order; a neighbour in another band is read as it was when the pass began. So the result depends on the
     * number of bands, which depends only on the number of targets, and never on which thread ran which band.
     */
    void search(int pass) {
        int[] before = bandCount() > 1 ? source.clone() : source;
        SplittableRandom[] randoms = new SplittableRandom[bandCount()];
        for (int b = 0; b < randoms.length; b++) {
            randoms[b] = randoms.length == 1 ? random : random.split();
        }
        inBands(band -> {
            searchBand(pass, band, randoms[band.index()], before);
            return 0;
        });
    }

    private void searchBand(int pass, Band band, SplittableRandom random, int[] before) {
        boolean forward = (pass & 1) == 0;
        int w = level.width;
        int h = level.height;
        int step = forward ? -1 : 1; // the neighbour visited before this pixel
        for (int i = band.from(); i < band.to(); i++) {
            int k = forward ? i : band.to() - 1 - (i - band.from());
            int p = targets[k];
            int x = p % w;
            int y = p / w;
            int nx = x + step;
            if (nx >= 0 && nx < w && ordinal[p + step] >= 0) {
                tryCandidate(k, x, y, sourceOf(ordinal[p + step], band, before) - step);
            }
            int ny = y + step;
            if (ny >= 0 && ny < h && ordinal[p + step * w] >= 0) {
                tryCandidate(k, x, y, sourceOf(ordinal[p + step * w], band, before) - step * w);
            }
            int best = source[k];
            int bx = best % w;
            int by = best / w;
            for (int radius = Math.min(Math.max(w, h), searchRadius); radius >= 1; radius /= 2) {
                int sx = clamp(bx + random.nextInt(2 * radius + 1) - radius, r, w - 1 - r);
                int sy = clamp(by + random.nextInt(2 * radius + 1) - radius, r, h - 1 - r);
                int candidate = sy * w + sx;
                if (isValid[candidate] && candidate != source[k]) {
                    offer(k, x, y, candidate, sx, sy);
                }
            }
        }
    }

    /** A neighbour's match: as it is now within the band, as it was when the pass began in another one. */
    private int sourceOf(int k, Band band, int[] before) {
        return k >= band.from() && k < band.to() ? source[k] : before[k];
    }

    /** Targets {@code from} to {@code to - 1}, the {@code index}th of the field's bands. */
    private record Band(int index, int from, int to) {
    }

    private int bandCount() {
        return Math.max(1, Math.min(MAX_BANDS, targets.length / BAND_TARGETS));
    }

    /**
     * Runs {@code work} on every band, in parallel when there are several, and sums what it returns in band order,
     * so the sum is the same whichever thread finished first.
     */
    private double inBands(ToDoubleFunction<Band> work) {
        int bands = bandCount();
        if (bands == 1) {
            return work.applyAsDouble(new Band(0, 0, targets.length));
        }
        double[] results = new double[bands];
        IntStream.range(0, bands).parallel().forEach(b -> results[b] = work.applyAsDouble(new Band(b,
                (int) ((long) targets.length * b / bands), (int) ((long) targets.length * (b + 1) / bands))));
        double total = 0;
        for (double result : results) {
            total += result;
        }
        return total;
    }

    private void tryCandidate(int k, int x, int y, int candidate) {
        if (candidate < 0 || candidate >= isValid.length || !isValid[candidate] || candidate == source[k]) {
            return;
        }
        offer(k, x, y, candidate, candidate % level.width, candidate / level.width);
    }

    private void offer(int k, int x, int y, int candidate, int sx, int sy) {
        float d = distance(x, y, sx, sy, cost[k]);
        if (d < cost[k]) {
            cost[k] = d;
            source[k] = candidate;
        }
    }

    /**
     * Sum of squared Lab differences between the target patch at (px, py), clipped to the level, and the source
     * patch at (sx, sy), always whole. Stops early once it passes {@code limit}: the candidate has lost by then.
     */
    private float distance(int px, int py, int sx, int sy, float limit) {
        int w = level.width;
        int n = level.channels;
        int x0 = Math.max(-r, -px);
        int x1 = Math.min(r, w - 1 - px);
        int y0 = Math.max(-r, -py);
        int y1 = Math.min(r, level.height - 1 - py);
        float[] c = level.colour;
        float sum = 0;
        for (int dy = y0; dy <= y1; dy++) {
            int t = ((py + dy) * w + px + x0) * n;
            int u = ((sy + dy) * w + sx + x0) * n;
            for (int dx = x0; dx <= x1; dx++, t += n, u += n) {
                float dl = c[t] - c[u];
                float da = c[t + 1] - c[u + 1];
                float db = c[t + 2] - c[u + 2];
                sum += dl * dl + da * da + db * db;
            }
            if (sum >= limit) {
                return sum;
            }
        }
        return sum;
    }

    private int patchArea(int p) {
        int w = level.width;
        int px = p % w;
        int py = p / w;
        int cols = Math.min(r, w - 1 - px) - Math.max(-r, -px) + 1;
        int rows = Math.min(r, level.height - 1 - py) - Math.max(-r, -py) + 1;
        return cols * rows;
    }

    /**
     * Each target's say in the vote: favouring good matches (Gaussian in the per-pixel distance, its scale the 75th
     * percentile of all matches, as Wexler et al. suggest) and patches near the known boundary, or all alike when
     * {@code uniform}, for the first vote on a level whose costs are not yet meaningful.
     */
    private float[] weights(float[] distanceToKnown, boolean uniform) {
        return weights(distanceToKnown, uniform, 1);
    }

    private float[] weights(float[] distanceToKnown, boolean uniform, int sharpness) {
        float[] weights = new float[targets.length];
        if (uniform) {
            Arrays.fill(weights, 1f);
            return weights;
        }
        float[] perPixel = new float[targets.length];
        for (int k = 0; k < targets.length; k++) {
            perPixel[k] = cost[k] / patchArea(targets[k]);
        }
        float[] sorted = perPixel.clone();
        Arrays.sort(sorted);
        double scale = 2.0 * Math.max(sorted[(int) (0.75 * (sorted.length - 1))], 1e-3f);
        for (int k = 0; k < targets.length; k++) {
            double weight = Math.exp(-perPixel[k] / scale) * Math.pow(GAMMA, -distanceToKnown[targets[k]]);
            weights[k] = (float) Math.max(Math.pow(weight, sharpness), 1e-30);
        }
        return weights;
    }

    /**
     * Re-estimates every hole pixel as the weighted average of what the overlapping patches' matches say it should
     * be: for hole pixel q, each target patch p covering it proposes the colour at the same place in p's source.
     */
    /** @return the mean absolute change of the hole's L channel, to tell when the rounds have converged */
    double vote(float[] distanceToKnown, boolean uniform) {
        return vote(weights(distanceToKnown, uniform));
    }

    /**
     * A last vote in which the best matches all but decide (weights raised to the 16th power): close to Wexler's
     * mean-shift mode, it keeps the texture's grain that a plain average softens.
     */
    void sharpenedVote(float[] distanceToKnown) {
        vote(weights(distanceToKnown, false, 16));
    }

    private double vote(float[] weights) {
        int n = level.channels;
        float[] c = level.colour;
        // Proposals come from sources, which are known pixels, so writing hole estimates in place is safe, and each
        // band writes only its own targets' pixels.
        double change = inBands(band -> {
            float[] sum = new float[n];
            double bandChange = 0;
            for (int k = band.from(); k < band.to(); k++) {
                int q = targets[k];
                if (level.hole[q]) {
                    float before = c[q * n];
                    gather(q, weights, c, sum, c);
                    bandChange += Math.abs(c[q * n] - before);
                }
            }
            return bandChange;
        });
        return holeTargets == 0 ? 0 : change / holeTargets;
    }

    /**
     * What the matches say each known target pixel within {@code reach} of the hole should be, by the same vote;
     * the difference from what it is is the seam. Indexed like the targets ({@link #ordinal}); NaN elsewhere.
     */
    float[] predictKnown(float[] distanceToKnown, float[] distanceToHole, float reach) {
        float[] weights = weights(distanceToKnown, false);
        int n = level.channels;
        float[] predicted = new float[targets.length * n];
        Arrays.fill(predicted, Float.NaN);
        float[] sum = new float[n];
        for (int k = 0; k < targets.length; k++) {
            int q = targets[k];
            if (!level.hole[q] && distanceToHole[q] <= reach) {
                gather(q, weights, level.colour, sum, predicted, k * n);
            }
        }
        return predicted;
    }

    /** The target ordinal of pixel i, or -1 if it is not a target. */
    int ordinal(int i) {
        return ordinal[i];
    }

    /** The weighted vote for pixel q from every target patch that covers it, written to {@code out} at q. */
    private void gather(int q, float[] weights, float[] colours, float[] sum, float[] out) {
        gather(q, weights, colours, sum, out, q * level.channels);
    }

    private void gather(int q, float[] weights, float[] colours, float[] sum, float[] out, int at) {
        int w = level.width;
        int n = level.channels;
        int qx = q % w;
        int qy = q / w;
        Arrays.fill(sum, 0);
        float total = 0;
        for (int dy = -r; dy <= r; dy++) {
            int py = qy - dy;
            if (py < 0 || py >= level.height) {
                continue;
            }
            for (int dx = -r; dx <= r; dx++) {
                int px = qx - dx;
                if (px < 0 || px >= w) {
                    continue;
                }
                int k = ordinal[py * w + px];
                if (k < 0) {
                    continue;
                }
                float wt = weights[k];
                int from = (source[k] + dy * w + dx) * n;
                for (int ch = 0; ch < n; ch++) {
                    sum[ch] += wt * colours[from + ch];
                }
                total += wt;
            }
        }
        if (total > 0) {
            for (int ch = 0; ch < n; ch++) {
                out[at + ch] = sum[ch] / total;
            }
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
