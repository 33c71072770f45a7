/**
 * Remote providers as engines: Ideogram itself, OpenAI-compatible image edits, IOPaint and Stable Diffusion WebUI.
 * Each speaks its provider's protocol, turns every way a call can fail into a
 * {@link io.brushwork.engine.BackendException} of the right kind, and keeps configured secrets out of every message.
 */
package io.brushwork.engine.remote;
