package io.brushwork.edit;

import io.brushwork.auth.ApiKey;
import java.util.Optional;

/**
 * Where finished images go: the server's image store behind signed links, or files for the command line. Images are
 * kept as they are made; when a later one fails, the ones already kept are discarded, so a failed edit leaves none.
 */
public interface ResultStore {

    /**
     * Keeps one safe image of an edit.
     *
     * @param owner the key the edit ran under, if any
     * @return where the image is now: a signed link's path for the server, a file's path for the command line
     */
    String keep(EditedImage image, Optional<ApiKey> owner);

    /** Removes what {@link #keep} kept at {@code location}; the edit it belonged to failed. */
    void discard(String location);
}
