package io.brushwork.edit;

import io.brushwork.auth.ApiKey;
import java.util.Optional;

/** Where finished images go: the server's image store behind signed links, or files for the command line. */
@FunctionalInterface
public interface ResultStore {

    /**
     * Keeps one safe image of an edit.
     *
     * @param owner the key the edit ran under, if any
     * @return where the image is now: a signed link's path for the server, a file's path for the command line
     */
    String keep(EditedImage image, Optional<ApiKey> owner);
}
