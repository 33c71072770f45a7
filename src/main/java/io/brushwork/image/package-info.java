/**
 * Pixels and their files: {@link io.brushwork.image.ArgbImage} and {@link io.brushwork.image.Mask}, decoding
 * uploads safely ({@link io.brushwork.image.ImageDecoder} checks a header against the pixel limit before any pixel
 * is decoded), PNG encoding ({@link io.brushwork.image.PngEncoder}: rows filtered and deflated, by a deflate of
 * its own, in parallel bands stitched into one zlib stream), resizing, and the distance transforms and dilations
 * engines share.
 */
package io.brushwork.image;
