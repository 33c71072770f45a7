package io.brushwork.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brushwork.Brushwork;
import io.brushwork.api.HttpSubmission.Body;
import io.brushwork.edit.EditRequestReader;
import io.brushwork.engine.BackendException;
import io.brushwork.store.DataDirectoryLock;
import io.brushwork.store.DiskFullException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP face of a {@link Brushwork} instance: routes, error bodies and the access log. */
public final class BrushworkServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrushworkServer.class);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Brushwork app;
    private final Javalin javalin;
    private final DataDirectoryLock lock;

    private BrushworkServer(Brushwork app, Javalin javalin, DataDirectoryLock lock) {
        this.app = app;
        this.javalin = javalin;
        this.lock = lock;
    }

    public static BrushworkServer start(Brushwork app) {
        // First, before anything is cleared: a second server on this data directory would clear the first's work.
        DataDirectoryLock lock = DataDirectoryLock.take(app.config().storage().data());
        try {
            return start(app, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static BrushworkServer start(Brushwork app, DataDirectoryLock lock) {
        Path spool = emptySpoolDirectory(app.config().storage().data().resolve("tmp"));
        Authenticator auth = new Authenticator(app.keys(), app.config().server().auth());
        MultipartReader multipart = new MultipartReader(app.config().limits().maxFileSize(),
                app.config().limits().minUploadRate(), app.config().limits().uploadTimeout(), spool);
        EditRequestReader requests = app.requests();
        EditHandler edit = new EditHandler(app, auth, multipart, requests::read);
        EditHandler editV3 = new EditHandler(app, auth, multipart, requests::readV3);
        ImageHandler image = new ImageHandler(app);
        HealthHandlers health = new HealthHandlers(app);
        Playground playground = new Playground(app.config().server().auth(), imageOrigins(app));

        Javalin javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
            config.http.prefer405over404 = true;
            // PNG does not compress further, and the JSON bodies are small.
            config.http.disableCompression();
            config.requestLogger.http((ctx, millis) -> {
                AccessLog.routed(ctx, millis);
                app.metrics().httpRequest(routeOf(ctx), ctx.method().name(), ctx.statusCode(),
                        Duration.ofNanos((long) (millis * 1_000_000)));
            });
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServletContextHandler(multipart::configure);
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrors());
                server.addBean(new ConnectionGuard(server, app.config().limits().headerTimeout()));
            });
            config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(
                    app.config().limits().minUploadRate()));
        });
        javalin.before(RequestIds::assign);
        if (!app.config().server().auth()) {
            javalin.before(new HostCheck(app.config().server().publicUrl()));
        }
        // No answer is to be sniffed into another type: the JSON errors echo what clients sent.
        javalin.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff"));
        TextHandlers text = new TextHandlers(app, auth, multipart);
        // Each route under Ideogram's own path and under the aggregators' /ideogram prefix.
        for (String prefix : new String[] {"", "/ideogram"}) {
            javalin.post(prefix + "/magic-prompt", text::magicPrompt);
            javalin.post(prefix + "/describe", text::describe);
            javalin.post(prefix + "/edit", edit);
            javalin.post(prefix + "/reframe", new EditHandler(app, auth, multipart, requests::readReframe));
            javalin.post(prefix + "/upscale", new EditHandler(app, auth, multipart, requests::readUpscale));
            javalin.post(prefix + "/generate", new EditHandler(app, auth, multipart, Body.JSON,
                    requests::readGenerate));
            javalin.post(prefix + "/remix", new EditHandler(app, auth, multipart, requests::readRemix));
            javalin.post(prefix + "/v1/ideogram-v3/edit", editV3);
            javalin.post(prefix + "/v1/ideogram-v3/inpaint", editV3);
            javalin.post(prefix + "/v1/ideogram-v3/reframe", new EditHandler(app, auth, multipart,
                    requests::readReframeV3));
            javalin.post(prefix + "/v1/ideogram-v3/generate", new EditHandler(app, auth, multipart, Body.EITHER,
                    requests::readGenerateV3));
            javalin.post(prefix + "/v1/ideogram-v3/remix", new EditHandler(app, auth, multipart,
                    requests::readRemixV3));
            javalin.post(prefix + "/v1/ideogram-v3/replace-background", new EditHandler(app, auth, multipart,
                    requests::readReplaceBackgroundV3));
        }
        getAndHead(javalin, "/", playground::page);
        getAndHead(javalin, "/playground/{file}", playground::asset);
        getAndHead(javalin, "/images/{file}", image);
        getAndHead(javalin, "/v1/models", new ModelsHandler(app, auth)::list);
        getAndHead(javalin, "/healthz", health::live);
        getAndHead(javalin, "/readyz", health::ready);
        getAndHead(javalin, "/metrics", new MetricsHandler(app.metrics(), app.config().server().metricsToken()));
        javalin.exception(Exception.class, (e, ctx) -> fail(ctx, e));
        javalin.exception(HttpResponseException.class, (e, ctx) -> fail(ctx, e));
        app.startHousekeeping();
        javalin.start(app.config().server().host(), app.config().server().port());
        log.info("Brushwork listening on http://{}:{}", app.config().server().host(), javalin.port());
        return new BrushworkServer(app, javalin, lock);
    }

    /**
     * A GET route that HEAD gets too, through the same handler, so that HEAD answers with GET's status and headers
     * (Jetty sends no body). Left to itself, Javalin answers HEAD on any GET route with an empty 200 without running
     * the handler: a forged image link or a request with no key would seem to work.
     */
    private static void getAndHead(Javalin javalin, String path, Handler handler) {
        javalin.get(path, handler);
        javalin.head(path, handler);
    }

    /** Where result links may point besides the page's own origin: the public-url's, and the store's own links'. */
    private static List<URI> imageOrigins(Brushwork app) {
        List<URI> links = new ArrayList<>();
        app.config().server().publicUrl().map(URI::create).ifPresent(links::add);
        if (app.config().storage().images().presignedLinks()) {
            app.images().sampleDirectUrl().ifPresent(links::add);
        }
        return links.stream().map(u -> URI.create(u.getScheme() + "://" + u.getRawAuthority())).toList();
    }

    /** Jetty spools large uploads here and deletes them after each request; a crash can leave some behind. */
    private static Path emptySpoolDirectory(Path spool) {
        try {
            Files.createDirectories(spool);
            int removed = 0;
            try (Stream<Path> files = Files.list(spool)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    removed += Files.deleteIfExists(f) ? 1 : 0;
                }
            }
            if (removed > 0) {
                log.info("removed {} unfinished uploads left in {} by an earlier run", removed, spool);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the upload directory " + spool, e);
        }
        return spool;
    }

    /** The route a request matched, as its template: a client's own path would make a label per image id. */
    private static String routeOf(Context ctx) {
        try {
            String route = ctx.endpointHandlerPath();
            return route == null || route.isEmpty() || route.equals("*") ? "unmatched" : route;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    public int port() {
        return javalin.port();
    }

    private static void fail(Context ctx, Throwable e) {
        Failure failure = Failure.of(e, RequestIds.of(ctx));
        ctx.attribute(AccessLog.REASON_ATTRIBUTE, Failure.reason(e));
        if (e instanceof BackendException backend) {
            // Expected in production (providers fail); one line, already scrubbed of secrets, no stack.
            log.warn("request {} {} {}: backend {}: {}", RequestIds.of(ctx), ctx.method(), ctx.path(),
                    backend.kind(), backend.getMessage());
        } else if (e instanceof DiskFullException) {
            log.warn("request {} {} {}: {}", RequestIds.of(ctx), ctx.method(), ctx.path(), e.getMessage());
        } else if (failure.status() >= 500 && failure.status() != 503) {
            log.error("request {} {} {} failed", RequestIds.of(ctx), ctx.method(), ctx.path(), e);
        }
        failure.headers().forEach(ctx::header);
        ctx.status(failure.status()).json(failure.body());
    }

    /**
     * Stops the way a replica behind a load balancer should: {@code /readyz} says 503 at once, new edits get 503, and
     * the edits already inside finish, for up to {@code grace}. Call {@link #close()} after.
     *
     * @return whether every edit finished within the grace
     */
    public boolean drain(Duration grace) throws InterruptedException {
        boolean drained = app.workers().drain(grace);
        // Answers still being written (an edit's JSON, a download) then get a few seconds to finish instead of
        // being cut off by the stop. Set here, not at start: a start that fails stops Jetty too, and a graceful
        // stop there would hide why it failed (a port in use).
        javalin.jettyServer().server().setStopTimeout(STOP_TIMEOUT.toMillis());
        return drained;
    }

    @Override
    public void close() {
        javalin.stop();
        lock.close();
    }
}
