package io.brushwork.prompt;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ideogram's {@code magic_prompt_option} policy: {@code OFF} keeps the prompt as sent, {@code ON} always rewrites
 * it, {@code AUTO} rewrites only short or vague prompts.
 *
 * <p>The AUTO rule: a prompt is short or vague when, after removing its quoted spans (sign and logo text says
 * nothing about the scene), it has fewer than {@value #SHORT_WORDS} words, which includes the empty prompt. Words
 * are whitespace-separated tokens with a letter or digit; in scripts written without spaces (Han, Hiragana,
 * Katakana, Thai, Lao, Khmer, Myanmar) every two characters count as a word, about their average word length.
 */
public final class MagicPrompt {
    private static final Logger log = LoggerFactory.getLogger(MagicPrompt.class);

    /** About one plain sentence: shorter prompts rarely say enough about light, material and style to stand alone. */
    static final int SHORT_WORDS = 12;

    private final PromptExpander expander;

    public MagicPrompt(PromptExpander expander) {
        this.expander = Objects.requireNonNull(expander, "expander");
    }

    /** The prompt to use: the rewrite if {@link #wouldRewrite} says so, else the prompt as sent. */
    public String apply(String prompt, MagicPromptOption option, StyleType style, long seed) {
        String text = prompt == null ? "" : prompt;
        if (!wouldRewrite(text, option)) {
            return text;
        }
        try {
            return expander.expand(text, style == null ? StyleType.AUTO : style, seed);
        } catch (RuntimeException e) {
            // Expanders promise not to throw; if one does anyway, the edit goes ahead with the prompt as sent.
            log.warn("Magic Prompt: {} failed ({}); keeping the prompt as sent",
                    expander.getClass().getSimpleName(), e.toString());
            return text;
        }
    }

    /** Whether {@link #apply} rewrites this prompt; a missing option counts as {@code AUTO}, Ideogram's default. */
    public boolean wouldRewrite(String prompt, MagicPromptOption option) {
        return switch (option == null ? MagicPromptOption.AUTO : option) {
            case OFF -> false;
            case ON -> true;
            case AUTO -> words(QuotedSpans.without(prompt == null ? "" : prompt)) < SHORT_WORDS;
        };
    }

    static int words(String text) {
        int words = 0;
        for (String token : text.trim().split("\\s+")) {
            int unspaced = 0;
            boolean spaced = false;
            for (int cp : token.codePoints().toArray()) {
                if (!Character.isLetterOrDigit(cp)) {
                    continue;
                }
                switch (Character.UnicodeScript.of(cp)) {
                    case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> unspaced++;
                    default -> spaced = true;
                }
            }
            words += (unspaced + 1) / 2 + (spaced ? 1 : 0);
        }
        return words;
    }
}
