/**
 * Safety checks, as Ideogram makes them: prompts before any work, images after generation.
 *
 * <ul>
 *   <li>{@link io.brushwork.safety.PromptSafety} matches prompts against term lists by category, on normalised
 *       text and whole words only. The built-in list ({@code safety/prompt-terms.yaml}) is a short baseline for
 *       sexual content involving minors, explicit sexual content and graphic violence; it ships no slurs, and
 *       operators load their own lists for anything more.</li>
 *   <li>{@link io.brushwork.safety.ImageSafetyClassifier} runs an operator-supplied image classifier exported to
 *       ONNX (no model ships with Brushwork, so by default images are not checked).</li>
 * </ul>
 */
package io.brushwork.safety;
