package io.brushwork.cli;

import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.NewApiKey;
import io.brushwork.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The key a fresh install starts with: created on the first {@code serve} against an empty database, printed once,
 * and saved in the data directory in a file only its owner can read, so a service started by a script is usable.
 */
final class FirstKey {
    static final String FILE = "initial-api-key.txt";

    private FirstKey() {
    }

    /** Creates and saves the first key if there are no keys at all; returns it if it did. */
    static Optional<NewApiKey> ensure(ApiKeys keys, Path dataDir) {
        if (!keys.isEmpty()) {
            return Optional.empty();
        }
        NewApiKey key = keys.create("default");
        Path file = dataDir.resolve(FILE);
        Path temp = dataDir.resolve(FILE + ".tmp");
        try {
            Files.deleteIfExists(temp);
            PrivateFiles.write(temp, (key.secret() + "\n").getBytes(StandardCharsets.US_ASCII));
            // Whole or not at all: a script waiting for the file never reads it half-written.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Without its file the secret is lost; without the key, the next start tries again.
            keys.delete(key.key().id());
            temp.toFile().delete(); // best effort: it holds the secret of a key that no longer exists
            throw new CliException("cannot save the first API key in " + file + " (" + e.getMessage() + "); fix the"
                    + " data directory and start again");
        }
        return Optional.of(key);
    }
}
