package io.brushwork.edit;

import io.brushwork.auth.ApiKey;
import java.util.Optional;

/**
 * The edge's side of one request, as the {@link EditService} asks for it: who is asking, the form (read only once the
 * edit holds a reading place and its memory is reserved, so that a burst cannot make the server hold every upload at
 * once), and how the edge answers a failure, so that the usage row records what the client got. The HTTP routes
 * and the command line each have one.
 */
public interface Submission<R> {

    /** The id the edge gave the request, for the usage row and the logs. */
    String requestId();

    /** Where the request came in: the HTTP path, or {@code cli}. */
    String path();

    /**
     * Checks the credentials and says who is asking: empty when the edge needs no key. Its refusals are the edge's
     * own exceptions.
     */
    Optional<ApiKey> caller();

    /**
     * Checks what else the edge can check before any upload is read (the content type, say). Apart from
     * {@link #caller()}, so that a refusal here is recorded under the key that was already known.
     */
    default void checkBeforeReading() {
    }

    /**
     * Reads and validates the form; called once, after the edit has taken a reading place. Reserves the bytes it is
     * about to hold in {@code memory} before reading them into the heap.
     */
    R read(UploadMemory memory);

    /** The status the client is answered with for this failure, as the usage row records it. */
    int statusOf(RuntimeException failure);
}
