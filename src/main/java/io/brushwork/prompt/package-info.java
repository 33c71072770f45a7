/**
 * Magic Prompt: {@link io.brushwork.prompt.MagicPrompt} decides whether to rewrite (AUTO, ON, OFF) and a
 * {@link io.brushwork.prompt.PromptExpander} rewrites, offline ({@link io.brushwork.prompt.BuiltInExpander}) or
 * through an OpenAI-compatible LLM ({@link io.brushwork.prompt.LlmExpander}). Also Ideogram's
 * {@link io.brushwork.prompt.StyleType} and {@link io.brushwork.prompt.MagicPromptOption}.
 */
package io.brushwork.prompt;
