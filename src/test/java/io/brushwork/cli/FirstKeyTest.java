package io.brushwork.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.KeyCheck;
import io.brushwork.auth.NewApiKey;
import io.brushwork.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstKeyTest {
    @TempDir
    Path dir;

    @Test
    void firstStartCreatesOneKeyInAnOwnerOnlyFileAndLaterStartsDoNot() throws Exception {
        Path data = dir.resolve("data");
        Database db = Database.open(data);
        ApiKeys keys = new ApiKeys(db, Clock.systemUTC());
        NewApiKey key = FirstKey.ensure(keys, db, data).orElseThrow();

        Path file = data.resolve(FirstKey.FILE);
        assertThat(Files.readString(file).trim()).isEqualTo(key.secret());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(keys.check(key.secret())).isInstanceOf(KeyCheck.Valid.class);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .as("a new data directory is private").isEqualTo("rwx------");
        assertThat(FirstKey.ensure(keys, db, data)).isEmpty();
        assertThat(keys.list()).hasSize(1);
    }

    /** Without its file the secret would be lost for good: the key is taken back, so the next start tries again. */
    @Test
    void aFirstKeyThatCannotBeSavedIsNotKept() throws Exception {
        Path data = dir.resolve("data");
        Database db = Database.open(data);
        ApiKeys keys = new ApiKeys(db, Clock.systemUTC());
        Files.createDirectories(data.resolve(FirstKey.FILE).resolve("in-the-way"));

        assertThatThrownBy(() -> FirstKey.ensure(keys, db, data)).isInstanceOf(CliException.class)
                .hasMessageContaining("cannot save the first API key");
        assertThat(keys.isEmpty()).isTrue();

        Files.delete(data.resolve(FirstKey.FILE).resolve("in-the-way"));
        Files.delete(data.resolve(FirstKey.FILE));
        NewApiKey key = FirstKey.ensure(keys, db, data).orElseThrow();
        assertThat(Files.readString(data.resolve(FirstKey.FILE)).trim()).isEqualTo(key.secret());
    }

    /** Replicas starting together on an empty database: the one that claims the first key makes it, the other none. */
    @Test
    void aFirstKeyAnotherServerClaimedIsNotMadeAgain() {
        Path data = dir.resolve("data");
        Database db = Database.open(data);
        ApiKeys keys = new ApiKeys(db, Clock.systemUTC());
        db.settingOrInsert(FirstKey.CLAIM, "another-replica");

        assertThat(FirstKey.ensure(keys, db, data)).isEmpty();
        assertThat(keys.isEmpty()).isTrue();
        assertThat(data.resolve(FirstKey.FILE)).doesNotExist();
    }
}
