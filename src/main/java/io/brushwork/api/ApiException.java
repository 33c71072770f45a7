package io.brushwork.api;

/** An HTTP error with a message for the client, raised at the edge (auth, multipart, links). */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
