package io.brushwork;

import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.InflightLimits;
import io.brushwork.config.BrushworkConfig;
import io.brushwork.config.ConfigException;
import io.brushwork.config.SafetyConfig;
import io.brushwork.edit.EditPipeline;
import io.brushwork.edit.EditRequestReader;
import io.brushwork.edit.EditWorkers;
import io.brushwork.edit.MemoryBudget;
import io.brushwork.edit.ModelCatalog;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.Backends;
import io.brushwork.engine.EngineRegistry;
import io.brushwork.engine.onnx.OnnxInpaintEngine;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.engine.remote.IdeogramEngine;
import io.brushwork.engine.remote.IoPaintEngine;
import io.brushwork.engine.remote.OpenAiImagesEngine;
import io.brushwork.engine.remote.SdWebUiEngine;
import io.brushwork.engine.router.Routes;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.image.ImageDecoder;
import io.brushwork.prompt.BuiltInExpander;
import io.brushwork.prompt.LlmExpander;
import io.brushwork.prompt.LlmSettings;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.PromptExpander;
import io.brushwork.safety.ClassifierSettings;
import io.brushwork.safety.ImageSafetyClassifier;
import io.brushwork.safety.PromptSafety;
import io.brushwork.store.Database;
import io.brushwork.store.ImageStore;
import io.brushwork.store.UrlSigner;
import io.brushwork.store.UsageLog;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Brushwork instance's services, wired from its configuration: the database, keys, image store, usage log,
 * models and the edit pipeline with its worker pool. The HTTP server and the CLI both start from here.
 */
public final class Brushwork implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Brushwork.class);

    /** The {@code type}s a backend may have, in the order error messages list them. A new type is one line here. */
    public static final List<BackendType> BACKEND_TYPES = List.of(OnnxInpaintEngine.TYPE, IdeogramEngine.TYPE,
            OpenAiImagesEngine.TYPE, IoPaintEngine.TYPE, SdWebUiEngine.TYPE);

    private final BrushworkConfig config;
    private final Clock clock;
    private final Database database;
    private final ApiKeys keys;
    private final ImageStore images;
    private final UrlSigner signer;
    private final UsageLog usage;
    private final ModelCatalog models;
    private final EditPipeline pipeline;
    private final EditRequestReader requests;
    private final EditWorkers workers;
    private final InflightLimits inflight = new InflightLimits();
    private final Routes routes;
    private ScheduledExecutorService sweeper;

    private Brushwork(BrushworkConfig config, Clock clock, EngineRegistry engines) {
        this.config = config;
        this.clock = clock;
        this.routes = new Routes(clock);
        this.database = Database.open(config.storage().data());
        this.keys = new ApiKeys(database, clock);
        this.images = new ImageStore(database, config.storage().data().resolve("images"), clock,
                config.storage().imageTtl());
        this.signer = UrlSigner.fromDatabase(database);
        this.usage = new UsageLog(database);
        this.models = ModelCatalog.of(config.models().routes(), engines, routes);
        this.pipeline = pipeline(config, models);
        this.requests = new EditRequestReader(models, config.models().renderingSpeeds());
        this.workers = new EditWorkers(config.limits().workers(), config.limits().queue());
    }

    /** The edit pipeline as configured: the same for the server and for {@code brushwork edit}. */
    public static EditPipeline pipeline(BrushworkConfig config, ModelCatalog models) {
        PromptExpander builtIn = BuiltInExpander.load();
        PromptExpander expander = LlmSettings.from(config.magicPrompt())
                .<PromptExpander>map(llm -> new LlmExpander(llm, builtIn))
                .orElse(builtIn);
        SafetyConfig safety = config.safety();
        Optional<PromptSafety> promptSafety = safety.promptCheck()
                ? Optional.of(safety.promptTerms().map(PromptSafety::load).orElseGet(PromptSafety::defaults))
                : Optional.empty();
        Optional<ImageSafetyClassifier> imageSafety = ClassifierSettings.from(safety).map(settings -> {
            try {
                return ImageSafetyClassifier.open(settings);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("safety-classifier-model " + settings.model() + ": " + e.getMessage());
            }
        });
        return new EditPipeline(models, new ImageDecoder(config.limits().maxPixels()), MemoryBudget.ofHeap(),
                new MagicPrompt(expander), promptSafety, imageSafety);
    }

    /** The built-in engines. */
    public static EngineRegistry builtInEngines() {
        return new EngineRegistry().register(new TeleaEngine()).register(new PatchMatchEngine());
    }

    /** The built-in engines plus the operator's backends. */
    public static EngineRegistry engines(BrushworkConfig config) {
        return Backends.register(builtInEngines(), config.backends(), BACKEND_TYPES);
    }

    public static Brushwork open(BrushworkConfig config) {
        return open(config, Clock.systemUTC(), engines(config));
    }

    public static Brushwork open(BrushworkConfig config, Clock clock, EngineRegistry engines) {
        return new Brushwork(config, clock, engines);
    }

    /** Removes what an earlier crash left behind and starts the background sweep of expired images. */
    public synchronized void startHousekeeping() {
        if (sweeper != null) {
            return;
        }
        int temp = images.removeTemporaryFiles();
        if (temp > 0) {
            log.info("removed {} unfinished image files left by an earlier run", temp);
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "image-sweeper");
            t.setDaemon(true);
            return t;
        });
        long every = config.storage().sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            int removed = images.sweep();
            if (removed > 0) {
                log.info("deleted {} expired images", removed);
            }
        } catch (RuntimeException | Error e) {
            // A scheduled task that throws is never run again; the sweep must outlive one bad run.
            log.warn("image sweep failed; will try again in {}", config.storage().sweepInterval(), e);
        }
    }

    public BrushworkConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    public ApiKeys keys() {
        return keys;
    }

    public ImageStore images() {
        return images;
    }

    public UrlSigner signer() {
        return signer;
    }

    public UsageLog usage() {
        return usage;
    }

    public ModelCatalog models() {
        return models;
    }

    public EditPipeline pipeline() {
        return pipeline;
    }

    public EditRequestReader requests() {
        return requests;
    }

    public EditWorkers workers() {
        return workers;
    }

    public InflightLimits inflight() {
        return inflight;
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        workers.close();
        pipeline.close();
        routes.close();
    }
}
