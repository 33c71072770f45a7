package io.brushwork.engine.patchmatch;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Content-aware fill: exemplar-based completion by multi-scale EM over a PatchMatch nearest-neighbour field, the
 * method behind Photoshop's Content-Aware Fill and GIMP's Resynthesizer. The hole is rebuilt from patches of the
 * rest of the photo, so texture and structure continue (grass stays grass, bricks line up) where a diffusion
 * method such as Telea smears.
 *
 * <p>Holes far enough apart are filled as separate regions, in parallel, each in a crop around it, so the cost
 * follows the holes rather than the photo. The seed drives every random choice; each region draws from its own
 * stream derived from the seed and the region's place in scan order, so the result is the same whatever the
 * number of threads. Within a region, a level with many targets is searched and voted in bands of targets in
 * parallel, each band with its own stream split from the region's in band order (see {@link PatchField#search}).
 * A border that extends the photo, as a reframe's does, is filled from a band of the photo next
 * to it, with fewer rounds (see {@link HoleRegions}, {@link FillSettings#OUTPAINT}). A cancelled job stops every
 * region at its next look (see {@link RegionFill}).
 */
public final class PatchMatchEngine implements InpaintEngine {
    static final String NAME = "patchmatch";
    private static final Map<String, FillSettings> PRESETS = Map.of(
            "fast", FillSettings.FAST,
            "quality", FillSettings.QUALITY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> presets() {
        return PRESETS.keySet();
    }

    /**
     * Per pixel of every region's crop: the pyramid's colours and holes (about 23 bytes with the coarser levels),
     * the field (22), the vote's accumulators (20), the distances to the boundary (4) and the seam's predictions
     * (20), rounded up. Regions may run at once, so their crops add up.
     */
    @Override
    public long workingBytes(Mask mask) {
        long area = 0;
        for (Region region : regions(mask, FillSettings.QUALITY)) {
            area += (long) region.width() * region.height();
        }
        return area * 96;
    }

    private static List<Region> regions(Mask mask, FillSettings settings) {
        int patch = 2 * settings.patchRadius() + 1;
        return HoleRegions.of(mask, 2 * patch, 4 * patch);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.FILLS_FROM_SURROUNDINGS, Capability.ALWAYS_AVAILABLE, Capability.DETERMINISTIC);
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        FillSettings settings = PRESETS.get(job.preset());
        if (settings == null) {
            throw new IllegalArgumentException("patchmatch has no preset '" + job.preset() + "'; presets: "
                    + presets());
        }
        ArgbImage image = job.image();
        Mask mask = job.mask();
        ArgbImage out = image.copy();
        if (mask.isEmpty()) {
            return Inpainted.of(out);
        }
        List<Region> regions = regions(mask, settings);
        int[] pixels = out.pixels();
        // A cancelled region is caught rather than thrown out of the stream, which would return while the other
        // regions still run: the engine returns once every region has stopped (they share the flag), so that a
        // route that waits for the call to end knows the work has ended.
        AtomicReference<BackendException> cancelled = new AtomicReference<>();
        IntStream.range(0, regions.size()).parallel().forEach(k -> {
            SplittableRandom random = new SplittableRandom(streamSeed(job.seed(), k));
            try {
                Region region = regions.get(k);
                new RegionFill(region.outpaint() ? FillSettings.OUTPAINT : settings, random, job.cancellation())
                        .fill(image, mask, region, pixels);
            } catch (BackendException e) {
                cancelled.compareAndSet(null, e);
            }
        });
        if (cancelled.get() != null) {
            throw cancelled.get();
        }
        return Inpainted.of(out);
    }

    /** A well-mixed 64-bit seed per region, so neighbouring regions' streams do not correlate. */
    static long streamSeed(int seed, int region) {
        long z = (((long) seed) << 32 | (region & 0xffffffffL)) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
