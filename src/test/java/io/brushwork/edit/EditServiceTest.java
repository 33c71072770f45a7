package io.brushwork.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.brushwork.auth.ApiKey;
import io.brushwork.auth.InflightLimits;
import io.brushwork.config.ModelRoute;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.UnavailableEngine;
import io.brushwork.engine.router.Routes;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.Mask;
import io.brushwork.prompt.BuiltInExpander;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.safety.PromptSafety;
import io.brushwork.store.UsageRecord;
import io.brushwork.testing.GatedEngine;
import io.brushwork.testing.MutableClock;
import io.brushwork.testing.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edit service without HTTP: the real pipeline, worker pool and Telea engine, a store that keeps images in a
 * list and a usage log that does too. Each refusal is checked by counting the work it must not have done.
 */
class EditServiceTest {
    private static final ArgbImage PHOTO = TestImages.photo(32, 24);
    private static final byte[] IMAGE = TestImages.png(PHOTO);
    private static final byte[] MASK = TestImages.png(TestImages.mask(32, 24, 8, 8, 6, 6));
    private static final ApiKey KEY = new ApiKey(7, "test", "bw_test", Instant.EPOCH, Optional.empty(),
            OptionalInt.of(2));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
    private final Routes routes = new Routes(clock, 2);
    private final GatedEngine telea = new GatedEngine(new TeleaEngine());
    private final ModelCatalog models = ModelCatalog.of(Map.of(
            "V_2", new ModelRoute("telea", "fast"),
            "BROKEN", new ModelRoute("broken", "default")),
            new BackendRegistry().register(telea).register(new UnavailableEngine("broken", "model file missing")),
            routes);
    private final EditRequestReader reader = new EditRequestReader(models);
    private final EditWorkers workers = new EditWorkers(1, 0, 4);
    private final MemoryBudget memory = new MemoryBudget(1L << 30);
    private final List<EditedImage> kept = new ArrayList<>();
    /** How many images the engine had made when each was kept. */
    private final List<Integer> callsWhenKept = new ArrayList<>();
    private final List<String> discarded = new ArrayList<>();
    private final List<UsageRecord> usage = new ArrayList<>();
    private final InflightLimits inflight = InflightLimits.inMemory();
    private final EditService service = service(workers);

    /** The service on the given pool: the real pipeline, a store and a usage log that keep everything in lists. */
    private EditService service(EditWorkers pool) {
        return new EditService(pool, memory, inflight, 10,
                new PromptScreen(Optional.of(PromptSafety.of(Map.of("violence", List.of("gore"))))),
                new EditPipeline(new ImageDecoder(10_000_000), memory,
                        new MagicPrompt(BuiltInExpander.load()), new PromptScreen(Optional.empty()),
                        Optional.empty()),
                new ListStore(),
                row -> {
                    synchronized (usage) {
                        usage.add(row);
                    }
                }, clock);
    }

    @AfterEach
    void close() {
        telea.gate.countDown();
        workers.close();
        routes.close();
    }

    /** Keeps images in {@link #kept}; a discarded one is taken out again. */
    private final class ListStore implements ResultStore {
        @Override
        public String keep(EditedImage image, Optional<ApiKey> owner) {
            synchronized (kept) {
                callsWhenKept.add(telea.calls.get());
                kept.add(image);
                return "/images/" + kept.size() + ".png?owner=" + owner.map(ApiKey::id).orElse(0L);
            }
        }

        @Override
        public void discard(String location) {
            synchronized (kept) {
                discarded.add(location);
                kept.remove(Integer.parseInt(location.replaceAll("^/images/(\\d+)\\.png.*", "$1")) - 1);
            }
        }
    }

    /** A submission of the form's text fields, counting how often its form is read. */
    private class Form implements Submission<EditRequest> {
        final AtomicInteger reads = new AtomicInteger();
        final Optional<ApiKey> caller;
        final Map<String, String> texts;

        Form(Optional<ApiKey> caller, String... texts) {
            this.caller = caller;
            Map<String, String> map = new java.util.LinkedHashMap<>();
            for (int i = 0; i < texts.length; i += 2) {
                map.put(texts[i], texts[i + 1]);
            }
            this.texts = map;
        }

        @Override
        public String requestId() {
            return "req-" + System.identityHashCode(this);
        }

        @Override
        public String path() {
            return "/edit";
        }

        @Override
        public Optional<ApiKey> caller() {
            return caller;
        }

        @Override
        public EditRequest read(UploadMemory upload) {
            reads.incrementAndGet();
            upload.reserve(IMAGE.length + MASK.length);
            return reader.read(EditForm.of(Map.of("image_file", IMAGE, "mask", MASK), texts));
        }

        @Override
        public int statusOf(RuntimeException failure) {
            return failure instanceof EditException e ? 400 + e.kind().ordinal() : 599;
        }
    }

    @Test
    void anEditKeepsEachImageUnderItsCallerAndRecordsOneUsageRow() {
        telea.gate.countDown();
        Form form = new Form(Optional.of(KEY), "seed", "5", "num_images", "2", "prompt", "a wall");
        Edited edited = service.edit(form);

        assertThat(edited.images()).extracting(Edited.Image::location).containsExactly(
                Optional.of("/images/1.png?owner=7"), Optional.of("/images/2.png?owner=7"));
        assertThat(kept).extracting(EditedImage::seed).containsExactly(5, 6);
        assertThat(edited.backends()).containsExactly("telea");
        assertThat(form.reads).hasValue(1);
        assertThat(usage).singleElement().satisfies(row -> {
            assertThat(row.requestId()).isEqualTo(form.requestId());
            assertThat(row.keyId()).isEqualTo(7L);
            assertThat(row.route()).isEqualTo("/edit");
            assertThat(row.model()).isEqualTo("V_2");
            assertThat(row.engine()).isEqualTo("telea");
            assertThat(row.images()).isEqualTo(2);
            assertThat(row.status()).isEqualTo(200);
            assertThat(row.at()).isEqualTo(clock.instant());
        });
    }

    /** One PNG at a time: each image goes to the store as soon as it is made, not all of them at the end. */
    @Test
    void eachImageIsKeptAsSoonAsItIsMade() {
        telea.gate.countDown();
        Edited edited = service.edit(new Form(Optional.empty(), "num_images", "3", "seed", "1"));
        assertThat(callsWhenKept).containsExactly(1, 2, 3);
        assertThat(kept).allSatisfy(image -> assertThat(image.png()).isNotEmpty());
        assertThat(edited.images()).as("the answer holds no pixels")
                .allSatisfy(image -> assertThat(image.image().png()).isNull());
    }

    /** Kept as made, and taken back when a later image fails: a failed edit leaves no image behind. */
    @Test
    void whenALaterImageFailsTheOnesAlreadyKeptAreDiscarded() {
        TeleaEngine telea = new TeleaEngine();
        BackendRegistry backends = new BackendRegistry().register(new InpaintEngine() {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public Set<String> presets() {
                return telea.presets();
            }

            @Override
            public long workingBytes(Mask mask) {
                return telea.workingBytes(mask);
            }

            @Override
            public Inpainted inpaint(InpaintJob job) {
                if (calls.incrementAndGet() == 2) {
                    throw new BackendException(BackendException.Kind.FAILED, "the second image failed");
                }
                return telea.inpaint(job);
            }
        });
        ModelCatalog flaky = ModelCatalog.of(Map.of("V_2", new ModelRoute("flaky", "fast")), backends, routes);
        Throwable failed = catchThrowable(() -> service.edit(new Form(Optional.empty(), "num_images", "3") {
            @Override
            public EditRequest read(UploadMemory upload) {
                reads.incrementAndGet();
                return new EditRequestReader(flaky).read(EditForm.of(Map.of("image_file", IMAGE, "mask", MASK),
                        Map.of("num_images", "3")));
            }
        }));
        assertThat(failed).isInstanceOf(BackendException.class);
        assertThat(discarded).as("the first image was kept, then taken back").hasSize(1);
        assertThat(kept).isEmpty();
    }

    @Test
    void aFullPoolRefusesBeforeAnyPixelWork() throws Exception {
        Form first = new Form(Optional.empty());
        CompletableFuture<Edited> running = CompletableFuture.supplyAsync(() -> service.edit(first));
        assertThat(telea.entered.await(10, TimeUnit.SECONDS)).isTrue();

        Form second = new Form(Optional.empty());
        assertThat(catchThrowable(() -> service.edit(second))).isInstanceOf(OverloadedException.class);
        assertThat(telea.calls).as("the refused edit never reached the engine").hasValue(1);

        telea.gate.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS).kept()).isEqualTo(1);
        assertThat(usage).extracting(UsageRecord::status).containsExactlyInAnyOrder(400 + 2, 200);
    }

    /** A form whose upload arrives only when its gate opens, like a client sending its body slowly. */
    private final class SlowForm extends Form {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        SlowForm(Optional<ApiKey> caller) {
            super(caller);
        }

        @Override
        public EditRequest read(UploadMemory upload) {
            reading.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.read(upload);
        }
    }

    /** Slow uploads take reading places, never the workers': the one worker still edits for everyone else. */
    @Test
    void slowUploadsDoNotHoldTheWorkers() throws Exception {
        telea.gate.countDown();
        List<SlowForm> slow = List.of(new SlowForm(Optional.empty()), new SlowForm(Optional.empty()));
        List<CompletableFuture<Edited>> uploading = new ArrayList<>();
        for (SlowForm form : slow) {
            uploading.add(CompletableFuture.supplyAsync(() -> service.edit(form)));
            assertThat(form.reading.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(workers.uploading()).isEqualTo(2);

        assertThat(service.edit(new Form(Optional.empty())).kept()).as("edited beside two slow uploads")
                .isEqualTo(1);

        for (int i = 0; i < slow.size(); i++) { // one at a time: one worker and no queue
            slow.get(i).gate.countDown();
            assertThat(uploading.get(i).get(10, TimeUnit.SECONDS).kept()).isEqualTo(1);
        }
        assertThat(workers.uploading()).isZero();
    }

    @Test
    void whenEveryReadingPlaceIsTakenTheNextUploadIsRefusedUnread() throws Exception {
        EditWorkers oneReader = new EditWorkers(1, 4, 1);
        EditService service = service(oneReader);
        SlowForm slow = new SlowForm(Optional.empty());
        CompletableFuture<Edited> uploading = CompletableFuture.supplyAsync(() -> service.edit(slow));
        assertThat(slow.reading.await(10, TimeUnit.SECONDS)).isTrue();

        Form next = new Form(Optional.empty());
        assertThat(catchThrowable(() -> service.edit(next))).isInstanceOf(OverloadedException.class)
                .hasMessageContaining("reading 1 uploads");
        assertThat(next.reads).as("refused from its headers").hasValue(0);

        telea.gate.countDown();
        slow.gate.countDown();
        assertThat(uploading.get(10, TimeUnit.SECONDS).kept()).isEqualTo(1);
        oneReader.close();
    }

    /** A key's uploads hold its in-flight places: one key cannot keep more connections busy than its limit. */
    @Test
    void aKeysUploadsCountAgainstItsInflightLimit() throws Exception {
        telea.gate.countDown();
        List<SlowForm> slow = List.of(new SlowForm(Optional.of(KEY)), new SlowForm(Optional.of(KEY)));
        List<CompletableFuture<Edited>> uploading = new ArrayList<>();
        for (SlowForm form : slow) {
            uploading.add(CompletableFuture.supplyAsync(() -> service.edit(form)));
            assertThat(form.reading.await(10, TimeUnit.SECONDS)).isTrue();
        }

        Form third = new Form(Optional.of(KEY));
        Throwable refused = catchThrowable(() -> service.edit(third));
        assertThat(refused).isInstanceOf(InflightLimitException.class);
        assertThat(third.reads).as("refused from its headers").hasValue(0);
        assertThat(service.edit(new Form(Optional.empty())).kept()).as("others are not held up").isEqualTo(1);

        for (int i = 0; i < slow.size(); i++) {
            slow.get(i).gate.countDown();
            assertThat(uploading.get(i).get(10, TimeUnit.SECONDS).kept()).isEqualTo(1);
        }
        assertThat(inflight.inflight(KEY.id())).isZero();
    }

    /** The upload's bytes are the edit's memory from when they are read until its answer is ready. */
    @Test
    void anUploadsMemoryIsHeldUntilTheEditEnds() throws Exception {
        CompletableFuture<Edited> running = CompletableFuture.supplyAsync(() -> service.edit(
                new Form(Optional.empty())));
        assertThat(telea.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(memory.usedBytes()).as("the upload beside the pixels")
                .isGreaterThanOrEqualTo(IMAGE.length + MASK.length + 32 * 24 * MemoryBudget.BYTES_PER_PIXEL);
        telea.gate.countDown();
        running.get(10, TimeUnit.SECONDS);
        assertThat(memory.usedBytes()).isZero();
    }

    @Test
    void anUploadThatDoesNotFitNowIsRefusedBeforeItIsHeld() {
        try (MemoryBudget.Reservation others = memory.reserveUpload((1L << 30) - 100)) {
            Form form = new Form(Optional.empty());
            assertThat(catchThrowable(() -> service.edit(form))).isInstanceOf(OverloadedException.class)
                    .hasMessageContaining("upload");
            assertThat(telea.calls).hasValue(0);
        }
        assertThat(memory.usedBytes()).isZero();
    }

    @Test
    void aCallerRefusedAtTheEdgeIsRecordedWithItsStatusAndNothingIsRead() {
        Form refused = new Form(Optional.empty()) {
            @Override
            public Optional<ApiKey> caller() {
                throw new IllegalStateException("no key");
            }
        };
        assertThat(catchThrowable(() -> service.edit(refused))).hasMessage("no key");
        assertThat(refused.reads).hasValue(0);
        assertThat(usage).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(599);
            assertThat(row.keyId()).isNull();
            assertThat(row.model()).isNull();
        });
    }

    @Test
    void whateverGoesWrongOneUsageRowIsWritten() {
        Form broken = new Form(Optional.of(KEY)) {
            @Override
            public EditRequest read(UploadMemory upload) {
                throw new AssertionError("a bug in the edge");
            }
        };
        assertThat(catchThrowable(() -> service.edit(broken))).isInstanceOf(AssertionError.class);
        assertThat(usage).singleElement().satisfies(row -> {
            assertThat(row.status()).as("an Error is a 500, as the server answers it").isEqualTo(500);
            assertThat(row.keyId()).isEqualTo(7L);
        });
    }

    /** A draining server waits for an edit until its very end: its usage row too, not only its pixel work. */
    @Test
    void aDrainWaitsForTheUsageRowOfTheLastEdit() throws Exception {
        telea.gate.countDown();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        EditService slowRows = new EditService(workers, memory, inflight, 10, new PromptScreen(Optional.empty()),
                new EditPipeline(new ImageDecoder(10_000_000), memory, new MagicPrompt(BuiltInExpander.load()),
                        new PromptScreen(Optional.empty()), Optional.empty()),
                new ListStore(), row -> {
                    if (row.status() != 200) {
                        return;
                    }
                    writing.countDown();
                    try {
                        written.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, clock);
        CompletableFuture<Edited> edit = CompletableFuture.supplyAsync(() -> slowRows.edit(new Form(Optional.empty())));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(workers.drain(Duration.ofMillis(300))).as("the edit is still writing its row").isFalse();
        assertThat(catchThrowable(() -> slowRows.edit(new Form(Optional.empty()))))
                .isInstanceOf(OverloadedException.class).hasMessageContaining("shutting down");
        written.countDown();
        assertThat(edit.get(10, TimeUnit.SECONDS).kept()).isEqualTo(1);
        assertThat(workers.drain(Duration.ofSeconds(10))).isTrue();
    }

    /** When the usage row cannot be written either, the client still gets the edit's own failure. */
    @Test
    void aFailedUsageRowDoesNotHideTheEditsFailure() {
        IllegalStateException diskError = new IllegalStateException("disk I/O error");
        EditService service = new EditService(workers, memory, inflight, 10, new PromptScreen(Optional.of(
                PromptSafety.of(Map.of("violence", List.of("gore"))))), null, new ListStore(), row -> {
                    throw diskError;
                }, clock);
        Throwable refused = catchThrowable(() -> service.edit(new Form(Optional.of(KEY), "prompt", "gore")));
        assertThat(refused).isInstanceOf(UnsafePromptException.class);
        assertThat(refused.getSuppressed()).containsExactly(diskError);
    }

    @Test
    void anUnsafePromptIsRefusedOnceBeforeAnyPixelWork() {
        Form form = new Form(Optional.of(KEY), "prompt", "lots of GORE");
        assertThat(catchThrowable(() -> service.edit(form))).isInstanceOf(UnsafePromptException.class);
        assertThat(telea.entered.getCount()).as("the engine never ran").isEqualTo(1);
        assertThat(kept).isEmpty();
        assertThat(usage).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(400 + EditException.Kind.UNSAFE_PROMPT.ordinal());
            assertThat(row.model()).isEqualTo("V_2");
            assertThat(row.images()).isZero();
        });
    }

    @Test
    void moreImagesThanTheKeyMayEverHaveInFlightAreInvalid() {
        Form form = new Form(Optional.of(KEY), "num_images", "3");
        Throwable refused = catchThrowable(() -> service.edit(form));
        assertThat(refused).isInstanceOf(InvalidEditException.class).hasMessageContaining("at most 2 images");
        assertThat(telea.entered.getCount()).isEqualTo(1);
        assertThat(kept).isEmpty();
    }

    @Test
    void imagesBeyondWhatIsLeftOfTheKeysLimitAreToldWhenToRetry() throws Exception {
        EditWorkers roomy = new EditWorkers(1, 4, 4); // room to wait, so only the key's limit can refuse
        EditService service = service(roomy);
        Form first = new Form(Optional.of(KEY), "num_images", "2");
        CompletableFuture<Edited> running = CompletableFuture.supplyAsync(() -> service.edit(first));
        assertThat(telea.entered.await(10, TimeUnit.SECONDS)).isTrue();

        Form atLimit = new Form(Optional.of(KEY));
        Throwable refused = catchThrowable(() -> service.edit(atLimit));
        assertThat(refused).isInstanceOf(InflightLimitException.class);
        assertThat(((InflightLimitException) refused).limit()).isEqualTo(2);
        assertThat(((InflightLimitException) refused).retryAfterSeconds()).isPositive();
        assertThat(atLimit.reads).as("refused from its headers: the upload was never read").hasValue(0);
        telea.gate.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS).kept()).isEqualTo(2);
        assertThat(kept).as("the refused request made nothing").hasSize(2);
        roomy.close();
    }

    @Test
    void aModelWithNoBackendInRotationIsRefusedBeforeDecoding() {
        Form form = new Form(Optional.empty(), "model", "broken");
        Throwable refused = catchThrowable(() -> service.edit(form));
        assertThat(refused).isInstanceOf(BackendException.class);
        assertThat(((BackendException) refused).kind()).isEqualTo(BackendException.Kind.UNAVAILABLE);
        assertThat(usage).singleElement().satisfies(row -> assertThat(row.model()).isEqualTo("BROKEN"));
    }
}
