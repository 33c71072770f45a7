package io.brushwork.edit;

/**
 * The prompt failed the safety check. The message is Ideogram's, word for word, so clients that match on it keep
 * working; which term matched stays in the server's log.
 */
public final class UnsafePromptException extends EditException {
    public static final String MESSAGE =
            "Prompt provided failed safety check due to the inclusion of prohibited content.";

    public UnsafePromptException() {
        super(MESSAGE);
    }

    @Override
    public Kind kind() {
        return Kind.UNSAFE_PROMPT;
    }
}
