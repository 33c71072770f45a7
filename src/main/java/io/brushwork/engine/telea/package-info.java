/**
 * Telea's fast-marching inpainting for thin regions (scratches, wires, text).
 * {@link io.brushwork.engine.telea.TeleaEngine} is the entry point; the rest is package-private.
 */
package io.brushwork.engine.telea;
