package io.brushwork.api;

import io.brushwork.Brushwork;
import io.brushwork.auth.ApiKey;
import io.brushwork.auth.InflightLimits;
import io.brushwork.edit.EditRequest;
import io.brushwork.edit.EditResult;
import io.brushwork.edit.EditWorkers;
import io.brushwork.edit.EditedImage;
import io.brushwork.edit.ModelCatalog;
import io.brushwork.edit.OverloadedException;
import io.brushwork.engine.BackendException;
import io.brushwork.store.StoredImage;
import io.brushwork.store.UsageRecord;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /edit} and {@code POST /ideogram/edit}: authenticate, take a place in the worker pool (or answer 503
 * before reading the upload), read the form, run the pipeline and store every image on a worker, answer with signed
 * links. The usage row is written before the answer, whatever the answer.
 */
final class EditHandler implements Handler {
    /** Ideogram writes {@code created} with a numeric offset, e.g. {@code 2026-11-24T05:37:10.123456+00:00}. */
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern(
            "uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT);

    private final Brushwork app;
    private final Authenticator auth;
    private final MultipartReader multipart;
    private final Function<Map<String, byte[]>, EditRequest> form;

    /** @param form reads the route's form: the legacy field names or V3's */
    EditHandler(Brushwork app, Authenticator auth, MultipartReader multipart,
                Function<Map<String, byte[]>, EditRequest> form) {
        this.app = app;
        this.auth = auth;
        this.multipart = multipart;
        this.form = form;
    }

    private record Outcome(EditResult result, List<StoredImage> stored, Duration store) {
    }

    @Override
    public void handle(Context ctx) {
        long start = System.nanoTime();
        Optional<ApiKey> key = Optional.empty();
        String model = null;
        String engine = null;
        int images = 0;
        int status = 500;
        try {
            key = auth.authenticate(ctx);
            multipart.requireMultipart(ctx);
            Outcome outcome;
            try (EditWorkers.Ticket ticket = app.workers().admit()) {
                EditRequest request = form.apply(multipart.read(ctx));
                model = request.model();
                app.pipeline().screen(request);
                ModelCatalog.Model chosen = app.models().require(model);
                engine = chosen.engine().name();
                if (!ModelsHandler.ready(chosen)) {
                    // Known before decoding a pixel: every backend of this model failed to load or is cooling down.
                    throw new BackendException(BackendException.Kind.UNAVAILABLE, "no backend of " + model
                            + " is in rotation");
                }
                Long owner = key.map(ApiKey::id).orElse(null);
                try (InflightLimits.Hold hold = holdInflight(key, request.numImages())) {
                    outcome = ticket.run(() -> {
                        EditResult result = app.pipeline().run(request);
                        long t0 = System.nanoTime();
                        List<StoredImage> stored = new ArrayList<>();
                        for (EditedImage image : result.images()) {
                            stored.add(image.png() == null ? null : app.images().put(image.png(), owner));
                        }
                        return new Outcome(result, stored, Duration.ofNanos(System.nanoTime() - t0));
                    });
                }
            }
            images = (int) outcome.stored().stream().filter(java.util.Objects::nonNull).count();
            engine = outcome.result().engine();
            ctx.header("Server-Timing", serverTiming(outcome));
            ctx.json(response(ctx, outcome));
            status = 200;
        } catch (OutOfMemoryError e) {
            // Javalin's error handlers see exceptions only; as an exception the client gets a JSON 503.
            status = 503;
            throw OverloadedException.outOfMemory();
        } catch (RuntimeException e) {
            status = Failure.of(e, RequestIds.of(ctx)).status();
            throw e;
        } finally {
            app.usage().record(new UsageRecord(RequestIds.of(ctx), key.map(ApiKey::id).orElse(null), ctx.path(),
                    model, engine,
                    images, status, Duration.ofNanos(System.nanoTime() - start), app.clock().instant()));
        }
    }

    /**
     * Ideogram's per-account limit on images in flight, per key here; refused with its 429 body before any work.
     * Without auth there is no account to count against.
     */
    private InflightLimits.Hold holdInflight(Optional<ApiKey> key, int images) {
        if (key.isEmpty()) {
            return null;
        }
        int limit = key.get().maxInflight().orElse(app.config().limits().maxInflight());
        InflightLimits.Hold hold = app.inflight().tryHold(key.get().id(), images, limit);
        if (hold == null) {
            throw new ApiException(429, "too many images in flight for this API key: at most " + limit
                    + " at once; wait for earlier edits to finish", Map.of(
                    "reject_reason", "inflight_limit", "max_inflight_requests", limit));
        }
        return hold;
    }

    private EditResponse response(Context ctx, Outcome outcome) {
        String base = app.config().server().publicUrl().orElseGet(() -> ctx.scheme() + "://" + ctx.host());
        List<EditResponse.Item> items = new ArrayList<>();
        for (int i = 0; i < outcome.stored().size(); i++) {
            EditedImage image = outcome.result().images().get(i);
            StoredImage stored = outcome.stored().get(i);
            String url = stored == null ? null : base + app.signer().path(stored.id(), stored.expiresAt());
            items.add(new EditResponse.Item(url, image.prompt(), image.resolution(), image.safe(), image.seed(),
                    image.styleType().name()));
        }
        String created = OffsetDateTime.ofInstant(app.clock().instant(), ZoneOffset.UTC).format(CREATED);
        return new EditResponse(created, items);
    }

    /** Where the time went, in the standard header browsers' dev tools and curl -v show. */
    private static String serverTiming(Outcome o) {
        return String.format(Locale.ROOT, "decode;dur=%.1f, engine;dur=%.1f, encode;dur=%.1f, store;dur=%.1f",
                millis(o.result().decode()), millis(o.result().engineTime()), millis(o.result().encode()),
                millis(o.store()));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
