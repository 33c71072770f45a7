package io.brushwork.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.safety.PromptSafety;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client's prompt is screened; a Magic Prompt rewrite that fails the screen gives way to the prompt as sent. */
class PromptScreenTest {
    private final PromptScreen screen = new PromptScreen(Optional.of(PromptSafety.of(Map.of(
            "violence", List.of("gore")))));

    @Test
    void anUnsafeRewriteFallsBackToThePromptAsSent() {
        assertThat(screen.rewriteOrOriginal("a quiet lake, with gore on the shore", "a quiet lake"))
                .isEqualTo("a quiet lake");
        assertThat(screen.rewriteOrOriginal("a quiet lake at dawn, mist", "a quiet lake"))
                .isEqualTo("a quiet lake at dawn, mist");
    }

    @Test
    void anUnsafePromptIsRefusedAndTheCheckCanBeOff() {
        assertThatThrownBy(() -> screen.check("GORE everywhere")).isInstanceOf(UnsafePromptException.class);
        new PromptScreen(Optional.empty()).check("gore everywhere");
        assertThat(new PromptScreen(Optional.empty()).rewriteOrOriginal("gore", "lake")).isEqualTo("gore");
    }
}
