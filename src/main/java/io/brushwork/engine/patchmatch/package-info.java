/**
 * Content-aware fill: exemplar-based completion by multi-scale EM over a PatchMatch nearest-neighbour field.
 * {@link io.brushwork.engine.patchmatch.PatchMatchEngine} is the entry point; the rest is package-private.
 */
package io.brushwork.engine.patchmatch;
