package io.brushwork.engine.patchmatch;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The nearest-neighbour field of one pyramid level: for every patch that touches the hole (a target), the centre of
 * a patch made of known pixels only (a source) that looks like it, found by PatchMatch (Barnes et al. 2009), and
 * the vote that turns the matches back into hole colours (Wexler et al. 2007).
 */
final class PatchField {
    /** Wexler's confidence falloff: a patch centred d pixels inside the hole counts gamma^-d. */
    private static final double GAMMA = 1.3;

    private final Level level;
    private final int r;
    private final SplittableRandom random;
    private final int[] valid;
    private final boolean[] isValid;
    private final int[] targets;
    private final int[] source;
    private final float[] cost;

    PatchField(Level level, int r, SplittableRandom random) {
        this.level = level;
        this.r = r;
        this.random = random;
        this.valid = level.validSources(r);
        this.isValid = new boolean[level.width * level.height];
        for (int v : valid) {
            isValid[v] = true;
        }
        boolean[] near = HoleRegions.dilate(level.hole, level.width, level.height, r);
        int count = 0;
        for (boolean b : near) {
            count += b ? 1 : 0;
        }
        this.targets = new int[count];
        int t = 0;
        for (int i = 0; i < near.length; i++) {
            if (near[i]) {
                targets[t++] = i;
            }
        }
        this.source = new int[near.length];
        Arrays.fill(source, -1);
        this.cost = new float[near.length];
    }

    /** Whether any patch of known pixels exists at this level; without one there is nothing to copy from. */
    boolean hasSources() {
        return valid.length > 0;
    }

    void randomise() {
        for (int p : targets) {
            source[p] = valid[random.nextInt(valid.length)];
        }
    }

    /** Seeds this field from the next coarser one: the same match, twice as far, plus the pixel's own offset. */
    void upsampleFrom(PatchField coarse) {
        int cw = coarse.level.width;
        int ch = coarse.level.height;
        int w = level.width;
        for (int p : targets) {
            int x = p % w;
            int y = p / w;
            int cp = Math.min(y / 2, ch - 1) * cw + Math.min(x / 2, cw - 1);
            int cs = coarse.source[cp];
            int candidate = -1;
            if (cs >= 0) {
                int sx = 2 * (cs % cw) + (x & 1);
                int sy = 2 * (cs / cw) + (y & 1);
                if (sx < w && sy < level.height) {
                    candidate = sy * w + sx;
                }
            }
            source[p] = candidate >= 0 && isValid[candidate] ? candidate : valid[random.nextInt(valid.length)];
        }
    }

    void computeCosts() {
        for (int p : targets) {
            cost[p] = distance(p, source[p], Float.MAX_VALUE);
        }
    }

    /** One PatchMatch pass: propagation from already-visited neighbours, then random search around the best. */
    void search(int pass) {
        boolean forward = (pass & 1) == 0;
        int w = level.width;
        int h = level.height;
        int step = forward ? -1 : 1; // the neighbour visited before this pixel
        for (int k = 0; k < targets.length; k++) {
            int p = targets[forward ? k : targets.length - 1 - k];
            int x = p % w;
            int y = p / w;
            int nx = x + step;
            if (nx >= 0 && nx < w && source[p + step] >= 0) {
                tryCandidate(p, source[p + step] - step);
            }
            int ny = y + step;
            if (ny >= 0 && ny < h && source[p + step * w] >= 0) {
                tryCandidate(p, source[p + step * w] - step * w);
            }
            int best = source[p];
            int bx = best % w;
            int by = best / w;
            for (int radius = Math.max(w, h); radius >= 1; radius /= 2) {
                int sx = clamp(bx + random.nextInt(2 * radius + 1) - radius, r, w - 1 - r);
                int sy = clamp(by + random.nextInt(2 * radius + 1) - radius, r, h - 1 - r);
                tryCandidate(p, sy * w + sx);
            }
        }
    }

    private void tryCandidate(int p, int candidate) {
        if (candidate < 0 || candidate >= isValid.length || !isValid[candidate] || candidate == source[p]) {
            return;
        }
        float d = distance(p, candidate, cost[p]);
        if (d < cost[p]) {
            cost[p] = d;
            source[p] = candidate;
        }
    }

    /**
     * Sum of squared Lab differences between the target patch at p (clipped to the level) and the source patch at
     * s (always whole). Stops early once it passes {@code limit}: the candidate has lost by then.
     */
    private float distance(int p, int s, float limit) {
        int w = level.width;
        int px = p % w;
        int py = p / w;
        int sx = s % w;
        int sy = s / w;
        int x0 = Math.max(-r, -px);
        int x1 = Math.min(r, w - 1 - px);
        int y0 = Math.max(-r, -py);
        int y1 = Math.min(r, level.height - 1 - py);
        float[] c = level.colour;
        float sum = 0;
        for (int dy = y0; dy <= y1; dy++) {
            int t = ((py + dy) * w + px + x0) * Level.CHANNELS;
            int u = ((sy + dy) * w + sx + x0) * Level.CHANNELS;
            for (int dx = x0; dx <= x1; dx++, t += Level.CHANNELS, u += Level.CHANNELS) {
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
     * Re-estimates every hole pixel as the weighted average of what the overlapping patches' matches say it should
     * be. Weights favour good matches (Gaussian in the per-pixel distance, its scale the 75th percentile of all
     * matches, as Wexler et al. suggest) and patches near the known boundary. {@code uniform} weighs all matches
     * alike, for the first vote on a level whose costs are not yet meaningful.
     */
    void vote(float[] distanceToKnown, boolean uniform) {
        float[] acc = new float[level.width * level.height * Level.CHANNELS];
        float[] weights = new float[level.width * level.height];
        accumulate(distanceToKnown, uniform, true, acc, weights);
        float[] c = level.colour;
        for (int q = 0; q < weights.length; q++) {
            if (level.hole[q] && weights[q] > 0) {
                for (int ch = 0; ch < Level.CHANNELS; ch++) {
                    c[q * Level.CHANNELS + ch] = acc[q * Level.CHANNELS + ch] / weights[q];
                }
            }
        }
    }

    /**
     * What the matches say the known pixels under the target patches should be, by the same vote; the difference
     * from what they are is the seam. Pixels no target patch covers get weight 0 in {@code weights}.
     */
    float[] predictKnown(float[] distanceToKnown, float[] weights) {
        float[] acc = new float[level.width * level.height * Level.CHANNELS];
        accumulate(distanceToKnown, false, false, acc, weights);
        for (int q = 0; q < weights.length; q++) {
            if (weights[q] > 0) {
                for (int ch = 0; ch < Level.CHANNELS; ch++) {
                    acc[q * Level.CHANNELS + ch] /= weights[q];
                }
            }
        }
        return acc;
    }

    private void accumulate(float[] distanceToKnown, boolean uniform, boolean holes, float[] acc, float[] weights) {
        float[] perPixel = new float[targets.length];
        for (int k = 0; k < targets.length; k++) {
            perPixel[k] = cost[targets[k]] / patchArea(targets[k]);
        }
        double scale = 1;
        if (!uniform) {
            float[] sorted = perPixel.clone();
            Arrays.sort(sorted);
            scale = 2.0 * Math.max(sorted[(int) (0.75 * (sorted.length - 1))], 1e-3f);
        }
        float[] c = level.colour;
        int w = level.width;
        for (int k = 0; k < targets.length; k++) {
            int p = targets[k];
            double weight = uniform ? 1
                    : Math.max(Math.exp(-perPixel[k] / scale) * Math.pow(GAMMA, -distanceToKnown[p]), 1e-20);
            float wt = (float) weight;
            int s = source[p];
            int px = p % w;
            int py = p / w;
            int x0 = Math.max(-r, -px);
            int x1 = Math.min(r, w - 1 - px);
            int y0 = Math.max(-r, -py);
            int y1 = Math.min(r, level.height - 1 - py);
            for (int dy = y0; dy <= y1; dy++) {
                for (int dx = x0; dx <= x1; dx++) {
                    int q = p + dy * w + dx;
                    if (level.hole[q] != holes) {
                        continue;
                    }
                    int from = (s + dy * w + dx) * Level.CHANNELS;
                    int to = q * Level.CHANNELS;
                    acc[to] += wt * c[from];
                    acc[to + 1] += wt * c[from + 1];
                    acc[to + 2] += wt * c[from + 2];
                    acc[to + 3] += wt * c[from + 3];
                    weights[q] += wt;
                }
            }
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
