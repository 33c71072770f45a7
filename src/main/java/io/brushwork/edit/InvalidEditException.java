package io.brushwork.edit;

/** The request cannot be carried out as sent (HTTP 400); the message names the field and what would work. */
public final class InvalidEditException extends RuntimeException {
    public InvalidEditException(String message) {
        super(message);
    }
}
