package io.brushwork.config;

import java.time.Duration;

/**
 * The OpenAI-compatible server that rewrites prompts for Magic Prompt, as written; the prompt package checks
 * that they make a server it can call. Empty text means not set.
 *
 * @param llmUrl     the server; empty for the built-in expander only
 * @param llmModel   the model the server runs; needed with a URL
 * @param llmKey     sent as a Bearer token; local servers usually need none
 * @param llmTimeout past it, the built-in expander answers
 */
public record MagicPromptConfig(String llmUrl, String llmModel, String llmKey, Duration llmTimeout) {
    public static final Duration DEFAULT_LLM_TIMEOUT = Duration.ofSeconds(10);

    public static MagicPromptConfig from(ConfigValues v) {
        return new MagicPromptConfig(
                v.text("magic-prompt-llm-url").orElse(""),
                v.text("magic-prompt-llm-model").orElse(""),
                v.text("magic-prompt-llm-key").orElse(""),
                v.duration("magic-prompt-llm-timeout").orElse(DEFAULT_LLM_TIMEOUT));
    }
}
