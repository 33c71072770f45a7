package io.brushwork.metrics;

import io.brushwork.auth.InflightLimits;
import io.brushwork.edit.EditWorkers;
import io.brushwork.edit.Edited;
import io.brushwork.edit.MemoryBudget;
import io.brushwork.edit.ModelCatalog;
import io.brushwork.store.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** One server's meters, and their Prometheus text for {@code GET /metrics}. */
public final class Metrics implements AutoCloseable {
    /** Prometheus's text exposition format, as scrapers ask for it. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Buckets from a quick GET to a large fill: a few fixed ones keep the scrape small, unlike a full histogram. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Gauges over the edit side: what is being read, waiting and running, images held by keys, memory. */
    public void watch(EditWorkers workers, InflightLimits inflight, MemoryBudget memory) {
        Gauge.builder("brushwork.uploads.reading", workers, EditWorkers::uploading)
                .description("uploads being read now").register(registry);
        Gauge.builder("brushwork.edits.waiting", workers, EditWorkers::waiting)
                .description("edits waiting for a worker").register(registry);
        Gauge.builder("brushwork.edits.running", workers, w -> w.admitted() - w.waiting())
                .description("edits running on a worker").register(registry);
        Gauge.builder("brushwork.images.inflight", inflight, InflightLimits::total)
                .description("images held against keys' in-flight limits").register(registry);
        Gauge.builder("brushwork.memory.used", memory, MemoryBudget::usedBytes).baseUnit("bytes")
                .description("edit memory reserved by edits in progress").register(registry);
        Gauge.builder("brushwork.memory.budget", memory, MemoryBudget::totalBytes).baseUnit("bytes")
                .description("edit memory in all").register(registry);
    }

    /** A gauge per model: 1 while some backend of it is in rotation, 0 when every one is out. */
    public void watch(ModelCatalog models) {
        for (ModelCatalog.Model model : models.all()) {
            Gauge.builder("brushwork.model.ready", model, m -> m.status().ready() ? 1 : 0)
                    .description("1 while the model has a backend in rotation").tag("model", model.name())
                    .register(registry);
        }
    }

    /** Any HTTP request, by the route it matched (its template, never the client's path) and its status. */
    public void httpRequest(String route, String method, int status, Duration took) {
        timer("brushwork.http.requests", "HTTP requests by route, method and status", took,
                "route", route, "method", method, "status", Integer.toString(status));
    }

    /** An edit's outcome, from its usage row: every edit has exactly one, whatever became of it. */
    public void edit(UsageRecord row) {
        String status = Integer.toString(row.status());
        String model = row.model() == null ? "none" : row.model();
        timer("brushwork.edits", "edit requests end to end, by route, model and status", row.duration(),
                "route", row.route(), "model", model, "status", status);
        if (row.images() > 0) {
            Counter.builder("brushwork.images.made").description("images kept for clients, by model")
                    .tag("model", model).register(registry).increment(row.images());
        }
    }

    /** Where a successful edit's time went. */
    public void stages(Edited.Timings timings) {
        stage("decode", timings.decode());
        stage("engine", timings.engine());
        stage("encode", timings.encode());
        stage("store", timings.store());
    }

    private void stage(String stage, Duration took) {
        timer("brushwork.edit.stage", "time per stage of an edit", took, "stage", stage);
    }

    private void timer(String name, String description, Duration took, String... tags) {
        Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
                .register(registry).record(took);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The meters in Prometheus's text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
