package io.brushwork.engine;

/**
 * One image for a backend to make, of one {@link Operation}. A route gives each backend it tries the job with that
 * step's preset and a cancellation of the call's own.
 */
public sealed interface Job permits InpaintJob, ReframeJob, UpscaleJob, GenerateJob {

    Operation operation();

    /** The image's seed: the route's weighted draw is seeded by it too, so that a request is reproducible. */
    int seed();

    String preset();

    Cancellation cancellation();

    Job withPreset(String preset);

    Job withCancellation(Cancellation cancellation);
}
