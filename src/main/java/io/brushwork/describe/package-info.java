/**
 * The describe side of Ideogram's {@code POST /describe}: {@link io.brushwork.describe.Describer} turns an image's
 * pixels into a description usable as a prompt, by asking a vision model behind any OpenAI-compatible
 * {@code POST /v1/chat/completions} (set with the {@code describe-llm-*} keys). There is no built-in describer: with
 * no model set, {@link io.brushwork.describe.Describer#from} is empty and the route answers 503 with
 * {@link io.brushwork.describe.Describer#NOT_CONFIGURED}. Failures are {@link io.brushwork.engine.BackendException}s
 * mapped as the remote engines map theirs; the key and the image never reach a log or a message.
 */
package io.brushwork.describe;
