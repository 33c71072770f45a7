package io.brushwork.engine.patchmatch;

/**
 * A group of nearby holes filled together: the crop of the image it works in (the holes plus a margin of context)
 * and the hole pixels it owns, as indices into the full image. Different regions own different pixels, so they can
 * be filled in parallel and written back in any order. An {@code outpaint} region's holes run along a whole side
 * of the image, as a reframe's border does: its crop is a band of context and it is filled with fewer rounds.
 */
record Region(int x0, int y0, int width, int height, int[] holePixels, boolean outpaint) {
}
