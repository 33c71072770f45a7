package io.brushwork.edit;

import io.brushwork.safety.PromptSafety;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompt safety check as an edit meets it: once on the client's prompt before any work (a hit is Ideogram's
 * 422), and on every Magic Prompt rewrite, which gives way to the client's prompt if the check would refuse it (an
 * LLM can add anything). Which category matched goes to the log, never the prompt itself.
 */
public final class PromptScreen {
    private static final Logger log = LoggerFactory.getLogger(PromptScreen.class);

    private final Optional<PromptSafety> safety;

    /** @param safety the term lists; empty when the operator turned the check off */
    public PromptScreen(Optional<PromptSafety> safety) {
        this.safety = safety;
    }

    /** @throws UnsafePromptException when the client's prompt fails the check */
    void check(String prompt) {
        safety.flatMap(s -> s.check(prompt)).ifPresent(v -> {
            log.info("prompt refused by the safety check (category {})", v.category());
            throw new UnsafePromptException();
        });
    }

    /** The rewrite, or the client's prompt when the rewrite fails the check. */
    String rewriteOrOriginal(String rewrite, String original) {
        if (rewrite.equals(original) || safety.flatMap(s -> s.check(rewrite)).isEmpty()) {
            return rewrite;
        }
        log.warn("a Magic Prompt rewrite failed the safety check; using the prompt as sent");
        return original;
    }
}
