package io.brushwork.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelsConfigTest {
    private static final Path FILE = Path.of("brushwork.yaml");

    private static ModelsConfig models(String yaml) throws Exception {
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        return ModelsConfig.DEFAULT.withRoutes(FILE, node);
    }

    @Test
    void theShortFormNamesABackendAndAPreset() throws Exception {
        ModelsConfig c = models("scratch_fix: {backend: telea, preset: fast}\nV_2: {backend: lama, preset: default}");
        assertThat(c.routes()).containsEntry("SCRATCH_FIX", new ModelRoute("telea", "fast"))
                .containsEntry("V_2", new ModelRoute("lama", "default"))
                .containsEntry("V_2_TURBO", new ModelRoute("patchmatch", "fast"));
        assertThat(c.routes().get("SCRATCH_FIX").steps()).singleElement()
                .isEqualTo(new RouteStep("telea", "fast", RouteStep.DEFAULT_TIER, RouteStep.DEFAULT_WEIGHT,
                        RouteStep.DEFAULT_TIMEOUT, RouteStep.DEFAULT_MAX_CONCURRENT, RouteStep.DEFAULT_RETRIES,
                        RouteStep.DEFAULT_COOLDOWN, RouteStep.DEFAULT_RETRY_BUSY));
    }

    @Test
    void engineIsStillReadAsTheOldNameOfBackend() throws Exception {
        assertThat(models("OLD: {engine: telea, preset: quality}").routes())
                .containsEntry("OLD", new ModelRoute("telea", "quality"));
        assertThatThrownBy(() -> models("BOTH: {backend: telea, engine: patchmatch, preset: fast}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("models.BOTH in brushwork.yaml has both backend and engine; engine is the old name of"
                        + " backend, so write only backend");
        assertThatThrownBy(() -> models("HALF: {backend: telea}"))
                .hasMessage("models.HALF in brushwork.yaml must have a backend and a preset, for example {backend:"
                        + " patchmatch, preset: quality}, or a route: [{backend: lama}, {backend: patchmatch}]");
    }

    @Test
    void routeEntriesTakeTheirDefaultsFromRouteStep() throws Exception {
        ModelsConfig c = models("R:\n  route:\n    - {backend: lama, tier: ~, timeout: 1m}\n");
        assertThat(c.routes().get("R").steps()).singleElement().isEqualTo(new RouteStep("lama",
                RouteStep.DEFAULT_PRESET, RouteStep.DEFAULT_TIER, RouteStep.DEFAULT_WEIGHT, Duration.ofMinutes(1),
                RouteStep.DEFAULT_MAX_CONCURRENT, RouteStep.DEFAULT_RETRIES, RouteStep.DEFAULT_COOLDOWN,
                RouteStep.DEFAULT_RETRY_BUSY));
        assertThat(models("R:\n  route:\n    - {backend: lama, retry-busy: true}\n").routes().get("R").steps()
                .get(0).retryBusy()).isTrue();
        assertThatThrownBy(() -> models("R:\n  route:\n    - {backend: lama, weight: 0}\n"))
                .hasMessage("weight from models.R in brushwork.yaml is '0'; expected a whole number from 1 to 1000");
    }

    @Test
    void aModelMayRouteEachOperationOfItsOwn() throws Exception {
        ModelsConfig c = models("V_2:\n  route: [{backend: lama}]\n  generate: [{backend: ideogram, timeout: 1m}]\n"
                + "  remix: ideogram\n  upscale: {backend: realesrgan, preset: fast}\nGEN:\n  generate: ideogram");
        ModelRoute v2 = c.routes().get("V_2");
        assertThat(v2.steps()).extracting(RouteStep::backend).containsExactly("lama");
        assertThat(v2.operations().keySet()).containsExactly("generate", "remix", "upscale");
        assertThat(v2.operations().get("generate")).singleElement()
                .satisfies(step -> assertThat(step.timeout()).hasMinutes(1));
        assertThat(v2.operations().get("remix")).singleElement()
                .isEqualTo(RouteStep.of("ideogram", RouteStep.DEFAULT_PRESET));
        assertThat(v2.operations().get("upscale")).singleElement()
                .isEqualTo(RouteStep.of("realesrgan", "fast"));
        assertThat(c.routes().get("GEN").steps()).as("a model of one operation needs no route").isEmpty();
        assertThatThrownBy(() -> models("V_2: {route: [{backend: lama}], generate: []}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("models.V_2.generate in brushwork.yaml must be a list of backends, for example"
                        + " [{backend: ideogram}]");
    }
}
