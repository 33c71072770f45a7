package io.brushwork.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.Brushwork;
import io.brushwork.config.ConfigException;
import io.brushwork.config.ModelRoute;
import io.brushwork.config.RouteStep;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Job;
import io.brushwork.engine.Operation;
import io.brushwork.engine.router.Routes;
import io.brushwork.testing.TestEngine;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which backends serve which operation of each model, and what a model that lacks one tells the operator. */
class ModelCatalogTest {
    private final Routes routes = new Routes(Clock.systemUTC(), 2);

    @AfterEach
    void close() {
        routes.close();
    }

    /** A provider that generates and remixes, and edits too. */
    private static final class Generator extends TestEngine {
        Generator(String name) {
            super(name, 0);
        }

        @Override
        public Set<Operation> operations() {
            return EnumSet.of(Operation.EDIT, Operation.GENERATE, Operation.REMIX);
        }

        @Override
        public Inpainted inpaint(InpaintJob job) {
            return Inpainted.of(job.image());
        }

        @Override
        public Inpainted run(Job job) {
            throw new UnsupportedOperationException("not called here");
        }
    }

    private BackendRegistry backends() {
        return Brushwork.builtInBackends().register(new Generator("gen"));
    }

    @Test
    void aRouteKeepsTheBackendsThatServeEachOperation() {
        ModelCatalog catalog = ModelCatalog.of(Map.of("MIXED", new ModelRoute(List.of(
                RouteStep.of("gen", "default"), RouteStep.of("patchmatch", "quality")))), backends(), routes);
        ModelCatalog.Model mixed = catalog.find("mixed").orElseThrow();
        assertThat(mixed.route(Operation.EDIT).orElseThrow().backends()).containsExactly("gen", "patchmatch");
        assertThat(mixed.route(Operation.REFRAME).orElseThrow().backends()).containsExactly("patchmatch");
        assertThat(mixed.route(Operation.GENERATE).orElseThrow().backends()).containsExactly("gen");
        assertThat(mixed.route(Operation.REPLACE_BACKGROUND)).isEmpty();
    }

    @Test
    void aModelWithoutAnOperationSaysWhichBackendOrTypeWouldServeIt() {
        ModelCatalog withGen = ModelCatalog.of(Map.of("V_2", new ModelRoute("patchmatch", "quality")), backends(),
                routes);
        assertThatThrownBy(() -> withGen.find("V_2").orElseThrow().routeFor(Operation.GENERATE))
                .isInstanceOf(NotConfiguredException.class)
                .hasMessage("model V_2 has no backend that can generate (its backends: patchmatch); in the config"
                        + " file, route it to backend gen: models: {V_2: {generate: [{backend: gen}]}}");

        ModelCatalog bare = ModelCatalog.of(Map.of("V_2", new ModelRoute("patchmatch", "quality")),
                Brushwork.builtInBackends(), routes, List.of(new BackendType("ideogram",
                        EnumSet.of(Operation.EDIT, Operation.GENERATE), (n, v) -> null)));
        assertThatThrownBy(() -> bare.find("V_2").orElseThrow().routeFor(Operation.GENERATE))
                .hasMessage("model V_2 has no backend that can generate (its backends: patchmatch); no backend"
                        + " configured on this server can. Add a backend of type ideogram under backends in the"
                        + " config file and route the model to it: models: {V_2: {generate: [{backend: NAME}]}}");
    }

    @Test
    void aRouteWrittenForAnOperationMustServeIt() {
        assertThatThrownBy(() -> ModelCatalog.of(Map.of("V_2", new ModelRoute(List.of(
                RouteStep.of("patchmatch", "quality")), Map.of("generate", List.of(RouteStep.of("telea", "fast"))))),
                backends(), routes))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model V_2 routes generate to backend telea, which cannot generate; backends that can:"
                        + " [gen]");
        assertThatThrownBy(() -> ModelCatalog.of(Map.of("V_2", new ModelRoute(List.of(
                RouteStep.of("patchmatch", "quality")), Map.of("outpaint", List.of(RouteStep.of("telea", "fast"))))),
                backends(), routes))
                .hasMessage("models.V_2.outpaint is not an operation; a model takes route, backend, preset, and a"
                        + " route per operation: edit, reframe, upscale, generate, remix, replace-background");
    }

    @Test
    void aModelOfOneOperationHasThatAsItsMainRoute() {
        ModelCatalog catalog = ModelCatalog.of(Map.of("GEN", new ModelRoute(List.of(),
                Map.of("generate", List.of(RouteStep.of("gen", "default"))))), backends(), routes);
        ModelCatalog.Model gen = catalog.find("GEN").orElseThrow();
        assertThat(gen.route(Operation.EDIT)).isEmpty();
        assertThat(gen.main()).isSameAs(gen.route(Operation.GENERATE).orElseThrow());
    }
}
