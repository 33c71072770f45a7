package io.brushwork.edit;

/**
 * The prompt failed the safety check, or for describe the image did. The message is Ideogram's, word for word, so
 * clients that match on it keep working; which term matched stays in the server's log.
 */
public final class UnsafePromptException extends EditException {
    public static final String MESSAGE =
            "Prompt provided failed safety check due to the inclusion of prohibited content.";
    /** Ideogram's {@code ImageSafetyError}. */
    public static final String IMAGE_MESSAGE =
            "Image provided failed safety check due to the inclusion of prohibited content.";

    public UnsafePromptException() {
        super(MESSAGE);
    }

    private UnsafePromptException(String message) {
        super(message);
    }

    /** The image sent to describe failed the image classifier. */
    static UnsafePromptException image() {
        return new UnsafePromptException(IMAGE_MESSAGE);
    }

    @Override
    public Kind kind() {
        return Kind.UNSAFE_PROMPT;
    }
}
