package io.brushwork.edit;

import io.brushwork.prompt.StyleType;
import java.util.OptionalInt;

/**
 * A validated {@code POST /magic-prompt}: the prompt to rewrite, in a style, with a seed for a reproducible rewrite.
 *
 * @param seed empty when the client sent none; one is then picked
 */
public record MagicPromptRequest(String prompt, StyleType style, OptionalInt seed) {
}
