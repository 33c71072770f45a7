package io.brushwork.engine;

import io.brushwork.image.ArgbImage;

/**
 * One reframed image: the photo extended to {@code width x height}. The pipeline has already placed the photo on
 * the new canvas; {@link #fill()} is that canvas with the new border masked, which any engine that fills holes can
 * do. A provider with a reframe of its own (Ideogram) sends {@link #image()} and the size instead, and the
 * pipeline then puts the photo's own pixels back where it placed them.
 *
 * @param image the photo as the client sent it (decoded and upright)
 * @param fill  the canvas with the photo placed on it and its border masked, with the job's prompt, seed and preset
 */
public record ReframeJob(ArgbImage image, int width, int height, InpaintJob fill) implements Job {

    @Override
    public Operation operation() {
        return Operation.REFRAME;
    }

    @Override
    public int seed() {
        return fill.seed();
    }

    @Override
    public String preset() {
        return fill.preset();
    }

    @Override
    public Cancellation cancellation() {
        return fill.cancellation();
    }

    @Override
    public ReframeJob withPreset(String preset) {
        return new ReframeJob(image, width, height, fill.withPreset(preset));
    }

    @Override
    public ReframeJob withCancellation(Cancellation cancellation) {
        return new ReframeJob(image, width, height, fill.withCancellation(cancellation));
    }
}
