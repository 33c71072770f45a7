/**
 * The one engine contract and what every engine shares. An <em>engine</em> is an algorithm that fills a masked
 * region ({@link io.brushwork.engine.InpaintEngine}: one {@code inpaint(InpaintJob)}, declared capabilities and a
 * status); a <em>backend</em> is a configured, named instance of one; failures are
 * {@link io.brushwork.engine.BackendException}s whose kind tells a route what it may do next; a job carries a
 * {@link io.brushwork.engine.Cancellation} that engines look at, so that a call given up on stops (its other side,
 * {@link io.brushwork.engine.CancelFlag}, is the route's). One sub-package per
 * engine ({@code patchmatch}, {@code telea}, {@code onnx}, {@code remote} for providers) and {@code router} for the
 * routes that models name.
 */
package io.brushwork.engine;
