package io.brushwork;

import io.brushwork.auth.InflightLimits;
import io.brushwork.config.BrushworkConfig;
import io.brushwork.config.ConfigException;
import io.brushwork.config.MagicPromptConfig;
import io.brushwork.config.SafetyConfig;
import io.brushwork.edit.EditPipeline;
import io.brushwork.edit.EditRequestReader;
import io.brushwork.edit.EditService;
import io.brushwork.edit.EditWorkers;
import io.brushwork.edit.MemoryBudget;
import io.brushwork.edit.ModelCatalog;
import io.brushwork.describe.Describer;
import io.brushwork.edit.ImageDescriber;
import io.brushwork.edit.PromptRewriter;
import io.brushwork.edit.PromptScreen;
import io.brushwork.edit.ResultStore;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.router.Routes;
import io.brushwork.image.ImageDecoder;
import io.brushwork.prompt.BuiltInExpander;
import io.brushwork.prompt.LlmExpander;
import io.brushwork.prompt.LlmSettings;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.PromptExpander;
import io.brushwork.safety.ClassifierSettings;
import io.brushwork.safety.ImageSafetyClassifier;
import io.brushwork.safety.PromptSafety;
import io.brushwork.store.UsageRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything an edit needs except where its results and usage go: the routes and models, the form reader, the
 * prompt screen, the pipeline and the worker pool, wired from configuration. The server keeps results in its image
 * store and usage in its database; {@code brushwork edit} writes files.
 */
public final class Editor implements AutoCloseable {
    private final BrushworkConfig config;
    private final Clock clock;
    private final Routes routes;
    private final ModelCatalog models;
    private final EditRequestReader requests;
    private final PromptScreen screen;
    private final PromptRewriter rewriter;
    private final ImageDescriber describer;
    private final EditPipeline pipeline;
    private final EditWorkers workers;
    private final MemoryBudget memory = MemoryBudget.ofHeap();
    private final BackendRegistry backends;

    private Editor(BrushworkConfig config, BackendRegistry backends, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.backends = backends;
        this.routes = new Routes(clock, config.limits().workers(), registry);
        try {
            this.models = ModelCatalog.of(config.models().routes(), backends, routes, Brushwork.BACKEND_TYPES);
            this.requests = new EditRequestReader(models, config.models().renderingSpeeds());
            SafetyConfig safety = config.safety();
            this.screen = new PromptScreen(safety.promptCheck()
                    ? Optional.of(safety.promptTerms().map(PromptSafety::load).orElseGet(PromptSafety::defaults))
                    : Optional.empty());
            MagicPrompt magicPrompt = new MagicPrompt(expander(config.magicPrompt()));
            this.rewriter = new PromptRewriter(magicPrompt, screen);
            // Before the classifier opens: a half-set describe-llm stops the start with nothing to close.
            Optional<Describer> describer = Describer.from(config.describe());
            ImageDecoder decoder = new ImageDecoder(config.limits().maxPixels());
            Optional<ImageSafetyClassifier> classifier = imageClassifier(safety);
            this.pipeline = new EditPipeline(decoder, memory, magicPrompt, screen, classifier);
            this.describer = new ImageDescriber(decoder, memory, classifier, describer);
        } catch (RuntimeException e) {
            routes.close();
            throw e;
        }
        this.workers = new EditWorkers(config.limits().workers(), config.limits().queue(),
                config.limits().uploads());
    }

    /** @param backends the backends the models may name; the editor takes them over and closes them */
    public static Editor open(BrushworkConfig config, BackendRegistry backends, Clock clock) {
        return open(config, backends, clock, new CompositeMeterRegistry());
    }

    /**
     * @param backends the backends the models may name; the editor takes them over and closes them
     * @param registry where the routes' meters go
     */
    public static Editor open(BrushworkConfig config, BackendRegistry backends, Clock clock, MeterRegistry registry) {
        try {
            return new Editor(config, backends, clock, registry);
        } catch (RuntimeException e) {
            backends.close();
            throw e;
        }
    }

    private static PromptExpander expander(MagicPromptConfig config) {
        PromptExpander builtIn = BuiltInExpander.load();
        return LlmSettings.from(config).<PromptExpander>map(llm -> new LlmExpander(llm, builtIn)).orElse(builtIn);
    }

    private static Optional<ImageSafetyClassifier> imageClassifier(SafetyConfig config) {
        return ClassifierSettings.from(config).map(settings -> {
            try {
                return ImageSafetyClassifier.open(settings);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("safety-classifier-model " + settings.model() + ": " + e.getMessage());
            }
        });
    }

    /**
     * An edit service that keeps results in {@code store} and usage rows in {@code usage}, and counts images in
     * flight per key in {@code inflight}.
     */
    public EditService service(ResultStore store, Consumer<UsageRecord> usage, InflightLimits inflight) {
        return new EditService(workers, memory, inflight, config.limits().maxInflight(), screen, pipeline, store,
                usage, clock);
    }

    public ModelCatalog models() {
        return models;
    }

    public EditRequestReader requests() {
        return requests;
    }

    /** {@code POST /describe}: the vision model, if one is configured, behind the image classifier. */
    public ImageDescriber describer() {
        return describer;
    }

    /** {@code POST /magic-prompt}'s rewrites, by the same expander and screen as edits. */
    public PromptRewriter rewriter() {
        return rewriter;
    }

    public EditWorkers workers() {
        return workers;
    }

    /** Heap set aside for edits, shared by uploads, pixels and engines. */
    public MemoryBudget memory() {
        return memory;
    }

    /** Lets running edits finish, then releases the classifier, the routes' call pool and the backends. */
    @Override
    public void close() {
        workers.close();
        pipeline.close();
        routes.close();
        backends.close();
    }
}
