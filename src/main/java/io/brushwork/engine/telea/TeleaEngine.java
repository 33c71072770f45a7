package io.brushwork.engine.telea;

import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Inpainting by the fast marching method of Telea (2004), "An Image Inpainting Technique Based on the Fast Marching
 * Method". The hole is filled from its boundary inwards, each pixel as a weighted average of the known pixels
 * within a small radius. It is fast and good for thin regions (scratches, text,
 * wires); wide regions come out smeared. It ignores the prompt and the seed: the result is fully determined by the
 * image and the mask. A cancelled job stops within a few thousand pixels of the march.
 */
public final class TeleaEngine implements InpaintEngine {
    static final String NAME = "telea";
    /** Neighbourhood radius per preset: a larger radius smooths more and costs more. */
    private static final Map<String, Integer> RADIUS = Map.of("fast", 3, "quality", 5);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> presets() {
        return RADIUS.keySet();
    }

    /** Flags, arrival times and four float channels over the hole's bounding box: 21 bytes a pixel. */
    @Override
    public long workingBytes(Mask mask) {
        return FastMarchingFill.workingArea(mask, RADIUS.get("quality")) * 21L;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.FILLS_FROM_SURROUNDINGS, Capability.ALWAYS_AVAILABLE, Capability.DETERMINISTIC);
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        Integer radius = RADIUS.get(job.preset());
        if (radius == null) {
            throw new IllegalArgumentException("telea has no preset '" + job.preset() + "'; presets: " + presets());
        }
        ArgbImage out = job.image().copy();
        if (!job.mask().isEmpty()) {
            new FastMarchingFill(out, job.mask(), radius, job.cancellation()).run();
        }
        return Inpainted.of(out);
    }
}
