package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.Brushwork;
import io.brushwork.config.ConfigException;
import io.brushwork.config.ConfigLoader;
import io.brushwork.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One server per data directory: a second one is refused before it clears the first one's work in progress. */
class DataDirectoryTest {
    @TempDir
    Path data;

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAndTouchesNothing() throws Exception {
        try (TestServer first = TestServer.builder(data).start()) {
            Path spooling = Files.write(data.resolve("tmp").resolve("MultiPart-in-progress.tmp"), new byte[64]);
            try (Brushwork second = Brushwork.open(ConfigLoader.load(Optional.empty(), Map.of(),
                    Map.of("data", data.toString(), "host", "127.0.0.1", "port", "0")))) {
                assertThatThrownBy(() -> BrushworkServer.start(second)).isInstanceOf(ConfigException.class)
                        .hasMessage("the data directory " + data + " is in use by another Brushwork server; give"
                                + " this one its own --data");
            }
            assertThat(spooling).as("the first server's upload in progress").exists();
            assertThat(first.get("/healthz").statusCode()).isEqualTo(200);
        }
        try (TestServer again = TestServer.builder(data).start()) {
            assertThat(again.get("/healthz").statusCode()).as("the lock went with the first server").isEqualTo(200);
        }
    }
}
