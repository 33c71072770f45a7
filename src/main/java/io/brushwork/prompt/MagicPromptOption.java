package io.brushwork.prompt;

/** Ideogram's {@code magic_prompt_option}: whether the prompt may be rewritten into a more detailed one. */
public enum MagicPromptOption {
    AUTO, ON, OFF
}
