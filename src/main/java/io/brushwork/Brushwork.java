package io.brushwork;

import io.brushwork.auth.ApiKey;
import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.InflightLimits;
import io.brushwork.config.BrushworkConfig;
import io.brushwork.edit.EditRequestReader;
import io.brushwork.edit.ImageDescriber;
import io.brushwork.edit.PromptRewriter;
import io.brushwork.edit.EditService;
import io.brushwork.edit.EditWorkers;
import io.brushwork.edit.EditedImage;
import io.brushwork.edit.ModelCatalog;
import io.brushwork.edit.ResultStore;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.onnx.OnnxInpaintEngine;
import io.brushwork.engine.onnx.OnnxUpscaleEngine;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.engine.remote.IdeogramEngine;
import io.brushwork.engine.remote.IoPaintEngine;
import io.brushwork.engine.remote.OpenAiImagesEngine;
import io.brushwork.engine.remote.SdWebUiEngine;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.engine.upscale.LanczosEngine;
import io.brushwork.metrics.Metrics;
import io.brushwork.store.Database;
import io.brushwork.store.Dialect;
import io.brushwork.store.ImageStore;
import io.brushwork.store.RefusedRequests;
import io.brushwork.store.StoredImage;
import io.brushwork.store.UrlSigner;
import io.brushwork.store.UsageLog;
import io.brushwork.store.UsageRecorder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Brushwork server's services, wired from its configuration: the database, keys, image store and usage log
 * around an {@link Editor}, whose edit service keeps results behind signed links. The HTTP server starts from here.
 */
public final class Brushwork implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Brushwork.class);

    /** The {@code type}s a backend may have, in the order error messages list them. A new type is one line here. */
    public static final List<BackendType> BACKEND_TYPES = List.of(OnnxInpaintEngine.TYPE, OnnxUpscaleEngine.TYPE,
            IdeogramEngine.TYPE, OpenAiImagesEngine.TYPE, IoPaintEngine.TYPE, SdWebUiEngine.TYPE);

    private final BrushworkConfig config;
    private final Clock clock;
    private final Database database;
    private final ApiKeys keys;
    private final ImageStore images;
    private final UrlSigner signer;
    private final UsageLog usage;
    private final RefusedRequests refused;
    private final UsageRecorder recorder;
    private final InflightLimits inflight;
    private final Editor editor;
    private final EditService edits;
    private final Metrics metrics = new Metrics();
    private ScheduledExecutorService housekeeping;

    private Brushwork(BrushworkConfig config, Clock clock, BackendRegistry backends) {
        this.config = config;
        this.clock = clock;
        // The editor first: a configuration it cannot use stops the server before the data directory is touched.
        this.editor = Editor.open(config, backends, clock, metrics.registry());
        Database db = null;
        try {
            db = Database.open(config.storage().data(), config.storage().databaseUrl());
            this.database = db;
            this.keys = new ApiKeys(database, clock);
            this.images = ImageStore.open(database, config.storage(), clock);
            this.signer = UrlSigner.fromDatabase(database);
            this.usage = new UsageLog(database);
            this.refused = new RefusedRequests(database);
            this.recorder = new UsageRecorder(usage, refused, config.server().auth());
            // One server on SQLite counts in memory; replicas sharing PostgreSQL count leases there, together.
            if (database.dialect() == Dialect.POSTGRESQL && config.storage().images().s3().isEmpty()) {
                log.warn("database-url is a shared PostgreSQL but image-store is file: this server's links are"
                        + " answered only by this server; set image-store to s3://bucket/prefix for replicas");
            }
            this.inflight = database.dialect() == Dialect.POSTGRESQL ? InflightLimits.leased(database, clock)
                    : InflightLimits.inMemory();
        } catch (RuntimeException e) {
            editor.close();
            if (db != null) {
                db.close();
            }
            throw e;
        }
        metrics.watch(editor.workers(), inflight, editor.memory());
        metrics.watch(editor.models());
        this.edits = editor.service(new SignedImages(), row -> {
            metrics.edit(row);
            recorder.record(row);
        }, inflight);
    }

    /**
     * Finished images in the image store, owned by the edit's key; a signed link's path says where each is, or with
     * {@code image-links: presigned}, the store's own URL (an S3 presigned GET) that expires with the image.
     */
    private final class SignedImages implements ResultStore {
        @Override
        public String keep(EditedImage image, Optional<ApiKey> owner) {
            StoredImage stored = images.put(image.png(), owner.map(ApiKey::id).orElse(null));
            if (config.storage().images().presignedLinks()) {
                return images.directUrl(stored).orElseThrow();
            }
            return signer.path(stored.id(), stored.expiresAt());
        }

        @Override
        public void discard(String location) {
            images.delete(idOf(location));
        }

        /** The image id in what {@link #keep} returned: the name before {@code .png} in either kind of link. */
        private static String idOf(String location) {
            String path = URI.create(location).getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.endsWith(".png") ? name.substring(0, name.length() - ".png".length()) : "";
        }
    }

    /** The built-in engines, each a backend of its own name. */
    public static BackendRegistry builtInBackends() {
        return new BackendRegistry().register(new TeleaEngine()).register(new PatchMatchEngine())
                .register(new LanczosEngine());
    }

    /** The built-in backends plus the operator's. */
    public static BackendRegistry backends(BrushworkConfig config) {
        return builtInBackends().configure(config.backends(), BACKEND_TYPES);
    }

    public static Brushwork open(BrushworkConfig config) {
        return open(config, Clock.systemUTC(), backends(config));
    }

    public static Brushwork open(BrushworkConfig config, Clock clock, BackendRegistry backends) {
        return new Brushwork(config, clock, backends);
    }

    /**
     * Removes what an earlier crash left behind and starts the background work: the sweep of expired images, and
     * the usage rows that waited for the database.
     */
    public synchronized void startHousekeeping() {
        if (housekeeping != null) {
            return;
        }
        int temp = images.removeUnfinished();
        if (temp > 0) {
            log.info("removed {} unfinished image files left by an earlier run", temp);
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "housekeeping");
            t.setDaemon(true);
            return t;
        });
        every(config.storage().sweepInterval(), Duration.ZERO, "image sweep", this::sweep);
        every(UsageRecorder.FLUSH_INTERVAL, UsageRecorder.FLUSH_INTERVAL, "usage flush", recorder::flush);
    }

    /** Runs {@code task} every {@code interval}, first after {@code first}, on the housekeeping thread. */
    private void every(Duration interval, Duration first, String what, Runnable task) {
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // A scheduled task that throws is never run again; the task must outlive one bad run.
                log.warn("{} failed; will try again in {}", what, interval, e);
            }
        }, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Replicas sharing a database sweep one at a time: the others skip their turn while one sweeps. */
    private void sweep() {
        boolean swept = database.runAlone("image sweep", () -> {
            int removed = images.sweep();
            if (removed > 0) {
                log.info("deleted {} expired images", removed);
            }
        });
        if (!swept) {
            log.debug("another replica is sweeping expired images; this one skips its turn");
        }
        if (database.dialect() == Dialect.POSTGRESQL) {
            // Only a shared database can lose a row whose file is here; alone, the sweep above deletes both, and
            // listing every image file each interval would be work for nothing.
            int orphans = images.removeOrphans();
            if (orphans > 0) {
                log.info("deleted {} expired image files whose rows another replica's sweep removed", orphans);
            }
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

    /** Edit requests refused before any key was known, counted rather than written one row each. */
    public RefusedRequests refusedRequests() {
        return refused;
    }

    /** Where edits put their usage rows, including those still waiting for the database. */
    public UsageRecorder usageRecorder() {
        return recorder;
    }

    public ModelCatalog models() {
        return editor.models();
    }

    public EditRequestReader requests() {
        return editor.requests();
    }

    public PromptRewriter rewriter() {
        return editor.rewriter();
    }

    public ImageDescriber describer() {
        return editor.describer();
    }

    /** Every edit's journey, from admission to the usage row. */
    public EditService edits() {
        return edits;
    }

    public EditWorkers workers() {
        return editor.workers();
    }

    public InflightLimits inflight() {
        return inflight;
    }

    public Metrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        try {
            editor.close();
        } finally {
            // After the editor, which lets running edits finish: their rows are the last to wait.
            recorder.close();
            images.close();
            metrics.close();
            inflight.close();
            database.close(); // last: the recorder's final rows go through it
        }
    }
}
