package io.brushwork.prompt;

/**
 * Rewrites a short image-edit prompt into a detailed one (Ideogram's Magic Prompt). Implementations never throw for
 * ordinary input, so a rewrite can never fail an edit.
 */
@FunctionalInterface
public interface PromptExpander {
    /**
     * @param prompt the prompt as sent; empty means "fill the region from its surroundings"
     * @param style  the requested style, which decides what kind of detail is added
     * @param seed   picks among alternatives: the same arguments give the same rewrite where the implementation can
     *               promise it
     */
    String expand(String prompt, StyleType style, long seed);
}
