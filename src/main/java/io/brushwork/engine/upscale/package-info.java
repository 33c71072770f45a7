/**
 * Enlarging photos for Ideogram's {@code upscale}. {@link io.brushwork.engine.upscale.ClassicUpscaler} is the
 * built-in upscaler (Lanczos-3 with ringing control, then luminance sharpening with a bound on halos; no model),
 * and {@link io.brushwork.engine.upscale.LanczosEngine} is it as the backend {@code lanczos}; the rest is
 * package-private. Operators' super-resolution models run in {@code engine.onnx}.
 */
package io.brushwork.engine.upscale;
