package io.brushwork.engine.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.config.ModelRoute;
import io.brushwork.config.RouteStep;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.InpaintJob;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import io.brushwork.testing.MutableClock;
import io.brushwork.testing.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the routes tell the meters, counted against scripted backends: calls by outcome, fallbacks, cooldowns. */
class RouteMetersTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Routes routes = new Routes(clock, 2, registry);

    @AfterEach
    void close() {
        routes.close();
    }

    private static InpaintJob job(int seed) {
        ArgbImage image = TestImages.photo(16, 16);
        Mask mask = Mask.fromImage(TestImages.mask(16, 16, 4, 4, 4, 4));
        return new InpaintJob(image, mask, "p", "p", seed, Route.PRESET, MagicPromptOption.AUTO, StyleType.AUTO);
    }

    private static RouteStep step(String backend, int tier) {
        return new RouteStep(backend, "default", tier, 1, Duration.ofSeconds(5), 0, 0, Duration.ofMinutes(1), false);
    }

    private long calls(String backend, String outcome) {
        var timer = registry.find("brushwork.backend.calls").tag("backend", backend).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void callsFallbacksCooldownsAndStateAreCounted() {
        RouteTest.Scripted flaky = new RouteTest.Scripted("flaky", fail(), fail(), fail());
        RouteTest.Scripted steady = new RouteTest.Scripted("steady");
        Route route = routes.resolve("M", new ModelRoute(List.of(step("flaky", 1), step("steady", 2))),
                new BackendRegistry().register(flaky).register(steady));

        for (int i = 0; i < 4; i++) {
            assertThat(route.inpaint(job(i)).backend()).hasValue("steady");
        }

        assertThat(calls("flaky", "failed")).isEqualTo(3);
        assertThat(calls("steady", "ok")).isEqualTo(4);
        assertThat(counter("brushwork.route.fallbacks", "model", "M", "backend", "steady")).isEqualTo(4);
        assertThat(counter("brushwork.backend.cooldowns", "backend", "flaky")).as("out once, after 3 failures")
                .isEqualTo(1);
        assertThat(counter("brushwork.backend.skips", "backend", "flaky", "reason", "cooling_down")).isEqualTo(1);
        assertThat(registry.get("brushwork.backend.available").tag("backend", "flaky").gauge().value()).isZero();
        assertThat(registry.get("brushwork.backend.available").tag("backend", "steady").gauge().value()).isOne();

        clock.advance(Duration.ofMinutes(2));
        assertThat(registry.get("brushwork.backend.available").tag("backend", "flaky").gauge().value())
                .as("back in rotation after its cooldown").isOne();
    }

    private static BackendException fail() {
        return new BackendException(Kind.FAILED, "failed");
    }
}
