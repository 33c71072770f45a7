package io.brushwork.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys at rest: the database holds a hash, never a secret a copy of the file would give away. */
class ApiKeysTest {
    @TempDir
    Path dir;

    @Test
    void noFileInTheDataDirectoryHoldsTheSecret() throws Exception {
        Path data = dir.resolve("data");
        ApiKeys keys = new ApiKeys(Database.open(data), Clock.systemUTC());
        NewApiKey key = keys.create("ci");
        assertThat(keys.check(key.secret())).isInstanceOf(KeyCheck.Valid.class);

        byte[] secret = key.secret().getBytes(StandardCharsets.US_ASCII);
        byte[] afterPrefix = key.secret().substring(8).getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString())
                        .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1))
                        .doesNotContain(new String(afterPrefix, StandardCharsets.ISO_8859_1));
            }
        }
    }
}
