package io.brushwork.edit;

import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.MagicPromptOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /magic-prompt}: the rewrite an edit with Magic Prompt {@code ON} would paint from, on its own. The
 * prompt is screened first (an unsafe one is Ideogram's 422), and a rewrite that fails the screen gives way to the
 * prompt as sent, as in an edit.
 */
public final class PromptRewriter {
    private final MagicPrompt magicPrompt;
    private final PromptScreen screen;

    public PromptRewriter(MagicPrompt magicPrompt, PromptScreen screen) {
        this.magicPrompt = magicPrompt;
        this.screen = screen;
    }

    public String rewrite(MagicPromptRequest request) {
        screen.check(request.prompt());
        int seed = request.seed().orElseGet(() -> ThreadLocalRandom.current().nextInt() & Integer.MAX_VALUE);
        return screen.rewriteOrOriginal(magicPrompt.apply(request.prompt(), MagicPromptOption.ON, request.style(),
                seed), request.prompt());
    }
}
