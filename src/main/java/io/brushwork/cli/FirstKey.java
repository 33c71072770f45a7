package io.brushwork.cli;

import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.NewApiKey;
import io.brushwork.store.Database;
import io.brushwork.store.PrivateFiles;
import io.brushwork.store.RandomIds;
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
    /** The setting a server claims before it makes the first key, so replicas starting together make one. */
    static final String CLAIM = "first-key-claimed-by";

    private FirstKey() {
    }

    /**
     * Creates and saves the first key if there are no keys at all and no other server is making it; returns it if
     * it did.
     */
    static Optional<NewApiKey> ensure(ApiKeys keys, Database db, Path dataDir) {
        if (!keys.isEmpty()) {
            return Optional.empty();
        }
        String claim = RandomIds.next(12);
        if (!db.settingOrInsert(CLAIM, claim).equals(claim)) {
            return Optional.empty(); // another server on this database is making it (or made and lost it)
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
            db.deleteSetting(CLAIM);
            temp.toFile().delete(); // best effort: it holds the secret of a key that no longer exists
            throw new CliException("cannot save the first API key in " + file + " (" + e.getMessage() + "); fix the"
                    + " data directory and start again");
        }
        return Optional.of(key);
    }
}
