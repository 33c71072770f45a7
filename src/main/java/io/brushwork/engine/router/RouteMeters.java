package io.brushwork.engine.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the routes tell the server's meters: each backend call with its outcome and time, backends skipped and why,
 * requests served by a later backend than the first they tried, and backends taken out of rotation. Backends and
 * models are the operator's names, so the series stay few.
 */
final class RouteMeters {
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(250),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60),
            Duration.ofSeconds(300)};

    private final MeterRegistry registry;

    RouteMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers a routed model's counters at zero, so that they are in the scrape before their first event: a
     * counter that appears only when it first counts has no rate to alert on until then.
     */
    void prepare(String model, List<String> backends) {
        for (int i = 0; i < backends.size(); i++) {
            String backend = backends.get(i);
            cooldowns(backend);
            for (String reason : List.of("cooling_down", "at_limit", "misconfigured")) {
                skips(backend, reason);
            }
            if (i > 0) {
                fallbacks(model, backend);
            }
        }
    }

    /** @param outcome {@code ok}, or the failure's kind in lower case */
    void call(String backend, String outcome, long nanos) {
        Timer.builder("brushwork.backend.calls").description("backend calls by outcome")
                .tag("backend", backend).tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .serviceLevelObjectives(BUCKETS).register(registry).record(Duration.ofNanos(nanos));
    }

    /** @param reason {@code cooling_down}, {@code at_limit} or {@code misconfigured} */
    void skipped(String backend, String reason) {
        skips(backend, reason).increment();
    }

    void fellBack(String model, String servedBy) {
        fallbacks(model, servedBy).increment();
    }

    void cooledDown(String backend) {
        cooldowns(backend).increment();
    }

    private Counter skips(String backend, String reason) {
        return Counter.builder("brushwork.backend.skips").description("backends passed over without a call")
                .tag("backend", backend).tag("reason", reason).register(registry);
    }

    private Counter fallbacks(String model, String servedBy) {
        return Counter.builder("brushwork.route.fallbacks").description("images served by a later backend of the route")
                .tag("model", model).tag("backend", servedBy).register(registry);
    }

    private Counter cooldowns(String backend) {
        return Counter.builder("brushwork.backend.cooldowns").description("times a backend was taken out of rotation")
                .tag("backend", backend).register(registry);
    }
}
