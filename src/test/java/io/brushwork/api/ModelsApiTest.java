package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.image.Mask;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routed models through the API: the usage row names the backend that served, and /v1/models and /readyz tell. */
class ModelsApiTest {
    @TempDir
    Path data;

    /** A backend that cannot be reached, as a provider whose host refuses connections. */
    static final class Unreachable implements InpaintEngine {
        @Override
        public String name() {
            return "unreachable";
        }

        @Override
        public Set<String> presets() {
            return Set.of("default");
        }

        @Override
        public long workingBytes(Mask mask) {
            return 0;
        }

        @Override
        public Inpainted inpaint(InpaintJob job) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "connection refused");
        }
    }

    @Test
    void aRoutedModelFallsBackAndSaysSo() throws Exception {
        Path config = Files.writeString(data.resolve("brushwork.yaml"), String.join("\n",
                "models:",
                "  ROUTED:",
                "    route:",
                "      - {backend: unreachable, retries: 0}",
                "      - {backend: telea, preset: fast, tier: 2}",
                "  ALONE:",
                "    route:",
                "      - {backend: unreachable, retries: 0}",
                ""));
        BackendRegistry engines = io.brushwork.Brushwork.builtInBackends().register(new Unreachable());
        try (TestServer server = TestServer.builder(data.resolve("server")).config(config).backends(engines)
                .start()) {
            HttpResponse<byte[]> response = server.edit(new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(32, 24)))
                    .file("mask", TestImages.png(TestImages.mask(32, 24, 8, 8, 3, 3))).text("model", "routed"));
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(server.app.usage().forRequest(id)).singleElement()
                    .satisfies(r -> assertThat(r.engine()).isEqualTo("telea"));

            HttpResponse<byte[]> none = server.edit(new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(32, 24)))
                    .file("mask", TestImages.png(TestImages.mask(32, 24, 8, 8, 3, 3))).text("model", "ALONE"));
            assertThat(none.statusCode()).isEqualTo(503);
            assertThat(none.headers().firstValue("Retry-After")).isPresent();
            assertThat(TestServer.json(none).get("error").asText()).contains("no backend");

            JsonNode models = TestServer.json(server.get("/v1/models", "Api-Key", server.key));
            assertThat(models.get("data")).extracting(m -> m.get("id").asText())
                    .contains("ALONE", "ROUTED", "V_2", "V_2_TURBO");
            assertThat(models.get("data")).as("same seed, same bytes: only where every backend keeps it")
                    .extracting(m -> m.get("id").asText() + "=" + m.get("deterministic").asBoolean())
                    .contains("V_2=true", "V_2_TURBO=true", "ROUTED=false", "ALONE=false");
            assertThat(server.get("/v1/models").statusCode()).as("needs a key").isEqualTo(401);
        }
    }
}
