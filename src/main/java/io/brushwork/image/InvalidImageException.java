package io.brushwork.image;

/** An upload that cannot be used as an image; the message says why in words a client can act on. */
public final class InvalidImageException extends Exception {
    public InvalidImageException(String message) {
        super(message);
    }
}
