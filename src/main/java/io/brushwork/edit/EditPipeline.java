package io.brushwork.edit;

import io.brushwork.engine.Cancellation;
import io.brushwork.engine.GenerateJob;
import io.brushwork.engine.InpaintEngine.Capability;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Job;
import io.brushwork.engine.Operation;
import io.brushwork.engine.ReframeJob;
import io.brushwork.engine.UpscaleJob;
import io.brushwork.engine.router.Route;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.ImageFormat;
import io.brushwork.image.ImageInfo;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.Mask;
import io.brushwork.image.Orientation;
import io.brushwork.image.PngEncoder;
import io.brushwork.image.Resize;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import io.brushwork.safety.ImageSafetyClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The edit itself, with no HTTP and no storage. Read the photo's and the mask's headers, check them against the
 * pixel limit and each other, and reserve the memory the edit needs; decode both and binarise the mask, and bring
 * both to the request's output size (the photo's own, or for V3 the nearest of Ideogram's sizes). If nothing
 * is masked, the photo is the result. Otherwise run the model's route once per image, seed {@code (s + i) mod 2^31}
 * for image {@code i}, and put every unmasked pixel back exactly as decoded. Each image's prompt is the client's, or
 * its Magic Prompt rewrite. Check each result with the image classifier, if there is one, and encode the safe ones
 * as PNG; unsafe ones keep no pixels. Each image is handed on as soon as it is made, so one PNG is held at a time.
 * The prompt itself was screened before the edit took a worker. The edit's memory stays reserved after it answers
 * while a backend call the route gave up on is still running.
 *
 * <p>The other operations differ only in how their inputs become each image's job and what is done to the
 * backend's result (a {@link Plan}): a reframe places the photo on its new canvas and puts the placed photo back
 * over the result; an upscale asks for twice the size; generate, remix and replace-background ask for the size
 * the client chose and resize a provider's answer to it. Seeds, prompts, the classifier and the PNGs are as above.
 */
public final class EditPipeline implements AutoCloseable {
    private static final long SEED_SPACE = 1L << 31;
    /** Ideogram's upscaler doubles width and height. */
    static final int UPSCALE_FACTOR = 2;

    private final ImageDecoder decoder;
    private final MemoryBudget memory;
    private final MagicPrompt magicPrompt;
    private final PromptScreen screen;
    private final Optional<ImageSafetyClassifier> imageSafety;

    public EditPipeline(ImageDecoder decoder, MemoryBudget memory, MagicPrompt magicPrompt, PromptScreen screen,
                        Optional<ImageSafetyClassifier> imageSafety) {
        this.decoder = decoder;
        this.memory = memory;
        this.magicPrompt = magicPrompt;
        this.screen = screen;
        this.imageSafety = imageSafety;
    }

    /**
     * Runs the request, handing each finished image to {@code keep} as soon as it is encoded, so that at most one
     * image's PNG is held at a time (the memory budget counts one); the result lists the images without their bytes.
     */
    public EditResult run(EditRequest request, Consumer<EditedImage> keep) {
        int baseSeed = request.seed().orElseGet(() -> ThreadLocalRandom.current().nextInt() & Integer.MAX_VALUE);
        StyleType style = request.styleType().orElse(StyleType.AUTO);
        Route route = request.route();
        // Held until the request is over and every backend call it started has ended (see EditMemory).
        try (EditMemory held = new EditMemory(memory)) {
            Plan plan = switch (request.operation()) {
                case EDIT -> edit(request, route, held);
                case REFRAME -> reframe(request, route, held);
                case UPSCALE -> upscale(request, route, held);
                case GENERATE, REMIX, REPLACE_BACKGROUND -> generate(request, route, held);
            };
            return make(request, route, plan, baseSeed, style, keep, held);
        }
    }

    /**
     * How one request's images are made, once its inputs are decoded: the job for each image, and what is done to
     * the backend's result before it is kept.
     */
    private interface Plan {
        /** The job for one image; null when there is nothing to do and {@link #source()} is the result. */
        Job job(String prompt, String clientPrompt, int seed, MagicPromptOption magic, StyleType style);

        /** The backend's image made ready to keep (known pixels put back, the size asked for). */
        ArgbImage finish(ArgbImage made);

        /** The decoded photo; null for an operation that has none. */
        ArgbImage source();

        /** The photo's size before the operation, when the answer reports it ({@code upscaled_resolution}). */
        default String before() {
            return null;
        }

        /** Time spent decoding and preparing the inputs. */
        long decodeNanos();
    }

    /**
     * An edit: the mask is checked against the photo and both come to the output size; if nothing is masked, the
     * photo is the result; unmasked pixels are put back exactly as decoded.
     */
    private Plan edit(EditRequest request, Route route, EditMemory held) {
        String photoField = request.photoField();
        ImageInfo imageInfo = probe(request.image(), photoField);
        ImageInfo maskInfo = probe(request.mask(), "mask");
        boolean sameSize = imageInfo.width() == maskInfo.width() && imageInfo.height() == maskInfo.height();
        // A mask made from the photo's stored pixels (as tools that ignore EXIF make it) is turned as the photo is.
        boolean maskAsStored = !sameSize && maskInfo.isStoredSizeOf(imageInfo);
        if (!sameSize && !maskAsStored) {
            throw new InvalidEditException("mask is " + maskInfo.resolution() + " but " + photoField + " is "
                    + imageInfo.resolution() + (imageInfo.orientation() == 1 ? ""
                    : " as its EXIF orientation turns it") + "; the mask must have the image's width and height");
        }
        int[] size = request.output().of(imageInfo.width(), imageInfo.height());
        boolean resize = size[0] != imageInfo.width() || size[1] != imageInfo.height();
        // The resized copies are reserved with the originals, before any of them is made.
        held.reserve(imageInfo, photoField);
        held.reserveWorking(resize ? (long) size[0] * size[1] * MemoryBudget.BYTES_PER_PIXEL : 0, imageInfo);
        long start = System.nanoTime();
        // Side by side, two decoders' copies of the pixels would be alive at once, where BYTES_PER_PIXEL counts one.
        PhotoAndMask inputs = decoder.decodesWithoutCopy(request.mask())
                ? decodeTogether(request.image(), photoField, request.mask())
                : new PhotoAndMask(decode(request.image(), photoField), decode(request.mask(), "mask"));
        ArgbImage decoded = inputs.photo();
        ArgbImage maskImage = inputs.mask();
        Mask decodedMask = Mask.fromImage(maskAsStored ? Orientation.apply(maskImage, imageInfo.orientation())
                : maskImage);
        boolean resized = size[0] != decoded.width() || size[1] != decoded.height();
        // The output size is what a V3 client expects; "unmasked" is then kept against the resized photo.
        ArgbImage image = resized ? Resize.bilinear(decoded, size[0], size[1]) : decoded;
        Mask mask = resized ? Resize.mask(decodedMask, size[0], size[1]) : decodedMask;
        if (mask.isFull() && route.capabilities().contains(Capability.FILLS_FROM_SURROUNDINGS)) {
            throw new InvalidEditException("mask is black everywhere" + (resized ? " once resized to the output's "
                    + size[0] + "x" + size[1] : "") + ", so nothing of the photo is kept; model "
                    + request.model().name() + " (" + (route.backends().size() == 1 ? "backend " : "backends ")
                    + String.join(", ", route.backends()) + ") fills the black region from the pixels around it,"
                    + " so some of the mask must be white");
        }
        long decodeNanos = System.nanoTime() - start;
        held.reserveWorking(mask.isEmpty() ? 0 : route.workingBytes(mask), imageInfo);
        return new Plan() {
            @Override
            public Job job(String prompt, String clientPrompt, int seed, MagicPromptOption magic, StyleType style) {
                return mask.isEmpty() ? null
                        : new InpaintJob(image, mask, prompt, clientPrompt, seed, Route.PRESET, magic, style);
            }

            @Override
            public ArgbImage finish(ArgbImage made) {
                return keepUnmasked(image, mask, made);
            }

            @Override
            public ArgbImage source() {
                return image;
            }

            @Override
            public long decodeNanos() {
                return decodeNanos;
            }
        };
    }

    /**
     * A reframe: the photo is placed on the canvas of the size asked (see {@link Reframe}), the border is filled
     * by the model's reframe route, and the placed photo's pixels are put back exactly.
     */
    private Plan reframe(EditRequest request, Route route, EditMemory held) {
        ImageInfo imageInfo = probe(request.image(), request.photoField());
        Resolutions.Size size = request.options().size().orElseThrow();
        held.reserve(imageInfo, request.photoField());
        held.reserveWorking(Reframe.workingBytes(size.width(), size.height()), imageInfo);
        long start = System.nanoTime();
        ArgbImage photo = decode(request.image(), request.photoField());
        Reframe placed = Reframe.place(photo, size.width(), size.height());
        long decodeNanos = System.nanoTime() - start;
        held.reserveWorking(route.workingBytes(reframeJob(photo, placed, "", "", 0, MagicPromptOption.OFF,
                StyleType.AUTO)), imageInfo);
        return new Plan() {
            @Override
            public Job job(String prompt, String clientPrompt, int seed, MagicPromptOption magic, StyleType style) {
                return placed.border().isEmpty() ? null
                        : reframeJob(photo, placed, prompt, clientPrompt, seed, magic, style);
            }

            @Override
            public ArgbImage finish(ArgbImage made) {
                // A provider may answer at another size; the canvas's is the one asked for.
                return keepUnmasked(placed.canvas(), placed.border(),
                        Resize.bilinear(made, size.width(), size.height()));
            }

            @Override
            public ArgbImage source() {
                return placed.canvas();
            }

            @Override
            public long decodeNanos() {
                return decodeNanos;
            }
        };
    }

    private static ReframeJob reframeJob(ArgbImage photo, Reframe placed, String prompt, String clientPrompt,
                                         int seed, MagicPromptOption magic, StyleType style) {
        return new ReframeJob(photo, placed.canvas().width(), placed.canvas().height(), new InpaintJob(
                placed.canvas(), placed.border(), prompt, clientPrompt, seed, Route.PRESET, magic, style));
    }

    /**
     * An upscale: twice the photo's width and height, as Ideogram's upscaler makes; the result must fit the pixel
     * limit, so a photo over a quarter of it is refused.
     */
    private Plan upscale(EditRequest request, Route route, EditMemory held) {
        ImageInfo imageInfo = probe(request.image(), request.photoField());
        long outPixels = imageInfo.pixels() * UPSCALE_FACTOR * UPSCALE_FACTOR;
        if (outPixels > decoder.maxPixels()) {
            throw new InvalidEditException(request.photoField() + " is " + imageInfo.resolution() + "; upscaled " + UPSCALE_FACTOR
                    + " times it would be " + imageInfo.width() * UPSCALE_FACTOR + "x"
                    + imageInfo.height() * UPSCALE_FACTOR + ", over this server's limit of "
                    + decoder.maxPixels() / 1_000_000 + " megapixels; send a photo of at most "
                    + decoder.maxPixels() / UPSCALE_FACTOR / UPSCALE_FACTOR / 1_000_000 + " megapixels");
        }
        held.reserve(imageInfo, request.photoField());
        // The result and its PNG, beside the photo's own.
        held.reserveWorking(outPixels * MemoryBudget.BYTES_PER_PIXEL, imageInfo);
        long start = System.nanoTime();
        ArgbImage photo = decode(request.image(), request.photoField());
        long decodeNanos = System.nanoTime() - start;
        EditRequest.Options options = request.options();
        held.reserveWorking(route.workingBytes(upscaleJob(photo, options, "", "", 0, MagicPromptOption.OFF)),
                imageInfo);
        return new Plan() {
            @Override
            public Job job(String prompt, String clientPrompt, int seed, MagicPromptOption magic, StyleType style) {
                return upscaleJob(photo, options, prompt, clientPrompt, seed, magic);
            }

            @Override
            public ArgbImage finish(ArgbImage made) {
                return Resize.bilinear(made, photo.width() * UPSCALE_FACTOR, photo.height() * UPSCALE_FACTOR);
            }

            @Override
            public ArgbImage source() {
                return photo;
            }

            @Override
            public String before() {
                return photo.resolution();
            }

            @Override
            public long decodeNanos() {
                return decodeNanos;
            }
        };
    }

    private static UpscaleJob upscaleJob(ArgbImage photo, EditRequest.Options options, String prompt,
                                         String clientPrompt, int seed, MagicPromptOption magic) {
        return new UpscaleJob(photo, UPSCALE_FACTOR, options.resemblance(), options.detail(), prompt, clientPrompt,
                seed, Route.PRESET, magic, Cancellation.NONE);
    }

    /**
     * Generate, remix and replace-background: only providers make these. The images come out at the size asked,
     * or for remix and replace-background the photo's shape at the nearest of Ideogram's sizes, or a square.
     */
    private Plan generate(EditRequest request, Route route, EditMemory held) {
        Optional<ImageInfo> imageInfo = request.image() == null ? Optional.empty()
                : Optional.of(probe(request.image(), request.photoField()));
        Resolutions.Size size = request.options().size().orElseGet(() -> imageInfo
                .map(i -> Resolutions.nearestV3(i.width(), i.height())).orElse(new Resolutions.Size(1024, 1024)));
        ImageInfo output = new ImageInfo(ImageFormat.PNG, size.width(), size.height());
        held.reserve(imageInfo.orElse(output), request.photoField());
        held.reserveWorking(imageInfo.isPresent() ? output.pixels() * MemoryBudget.BYTES_PER_PIXEL : 0,
                imageInfo.orElse(output));
        long start = System.nanoTime();
        Optional<ArgbImage> photo = request.image() == null ? Optional.empty()
                : Optional.of(decode(request.image(), request.photoField()));
        long decodeNanos = System.nanoTime() - start;
        Operation operation = request.operation();
        EditRequest.Options options = request.options();
        // What the provider holds: the upload it sends and the answer it decodes.
        held.reserveWorking(route.workingBytes(generateJob(operation, photo, size, options, "", "", 0,
                MagicPromptOption.OFF, StyleType.AUTO)), imageInfo.orElse(output));
        return new Plan() {
            @Override
            public Job job(String prompt, String clientPrompt, int seed, MagicPromptOption magic, StyleType style) {
                return generateJob(operation, photo, size, options, prompt, clientPrompt, seed, magic, style);
            }

            @Override
            public ArgbImage finish(ArgbImage made) {
                return Resize.bilinear(made, size.width(), size.height());
            }

            @Override
            public ArgbImage source() {
                return photo.orElse(null);
            }

            @Override
            public long decodeNanos() {
                return decodeNanos;
            }
        };
    }

    private static GenerateJob generateJob(Operation operation, Optional<ArgbImage> photo, Resolutions.Size size,
                                           EditRequest.Options options, String prompt, String clientPrompt, int seed,
                                           MagicPromptOption magic, StyleType style) {
        return new GenerateJob(operation, photo, size.width(), size.height(), prompt, clientPrompt,
                options.negativePrompt(), options.imageWeight(), seed, Route.PRESET, magic, style, Cancellation.NONE);
    }

    /**
     * Each image in turn: seed {@code (s + i) mod 2^31} for image {@code i}, its prompt the client's or its own
     * Magic Prompt rewrite, one route call, then the classifier and the PNG.
     */
    private EditResult make(EditRequest request, Route route, Plan plan, int baseSeed, StyleType style,
                            Consumer<EditedImage> keep, EditMemory held) {
        boolean routeRewrites = route.capabilities().contains(Capability.REWRITES_PROMPTS);
        long engineNanos = 0;
        long encodeNanos = 0;
        byte[] unchangedPng = null;
        List<EditedImage> images = new ArrayList<>(request.numImages());
        Set<String> backends = new LinkedHashSet<>();
        for (int i = 0; i < request.numImages(); i++) {
            int seed = (int) ((baseSeed + (long) i) % SEED_SPACE);
            // Each image gets its own rewrite, seeded like its pixels, so it can be remade alone; a backend that
            // rewrites prompts itself gets the client's prompt and reports its own.
            String prompt = routeRewrites ? request.prompt()
                    : screen.rewriteOrOriginal(magicPrompt.apply(request.prompt(), request.magicPrompt(), style, seed),
                    request.prompt());
            long t0 = System.nanoTime();
            boolean backendSafe = true;
            ArgbImage result = plan.source();
            Job job = plan.job(prompt, request.prompt(), seed, request.magicPrompt(), style);
            if (job != null) {
                Inpainted done = route.run(job, held::outlivedBy);
                result = plan.finish(done.image());
                prompt = done.prompt().orElse(prompt);
                backendSafe = done.safe();
                done.backend().ifPresent(backends::add);
            }
            ArgbImage finished = result;
            boolean safe = backendSafe && imageSafety.map(c -> c.classify(finished).safe()).orElse(true);
            long t1 = System.nanoTime();
            byte[] png;
            if (!safe) {
                png = null; // an unsafe image is never encoded or stored
            } else if (result == plan.source()) {
                png = unchangedPng == null ? (unchangedPng = PngEncoder.encode(result)) : unchangedPng;
            } else {
                png = PngEncoder.encode(result);
            }
            long t2 = System.nanoTime();
            engineNanos += t1 - t0;
            encodeNanos += t2 - t1;
            EditedImage edited = new EditedImage(seed, png, result.width(), result.height(), prompt, style, safe,
                    Optional.ofNullable(plan.before()));
            keep.accept(edited);
            images.add(edited.withoutPng());
        }
        return new EditResult(images, List.copyOf(backends), Duration.ofNanos(plan.decodeNanos()),
                Duration.ofNanos(engineNanos), Duration.ofNanos(encodeNanos));
    }

    private ArgbImage decode(byte[] bytes, String field) {
        try {
            return decoder.decode(bytes);
        } catch (InvalidImageException e) {
            throw new InvalidEditException(field + " " + e.getMessage());
        }
    }

    private record PhotoAndMask(ArgbImage photo, ArgbImage mask) {
    }

    /**
     * Decodes the mask on the common pool while this thread decodes the photo: on a free core that takes a third
     * off the stage. Only for a mask decoded without a copy of its pixels beside the result, so that the memory
     * alive at once is what {@link MemoryBudget#BYTES_PER_PIXEL} counts. Both are waited for either way, so no decoding outlives the request's memory reservation, and
     * the photo's error is the one reported when both are bad, as when they were decoded one after the other.
     */
    private PhotoAndMask decodeTogether(byte[] photo, String photoField, byte[] mask) {
        ForkJoinTask<Object> masking = ForkJoinPool.commonPool().submit(() -> {
            try {
                return decode(mask, "mask");
            } catch (RuntimeException e) {
                return e; // handed back as it is, not rebuilt by the pool
            }
        });
        ArgbImage image;
        try {
            image = decode(photo, photoField);
        } finally {
            masking.quietlyJoin();
        }
        Object decodedMask = masking.join();
        if (decodedMask instanceof RuntimeException e) {
            throw e;
        }
        return new PhotoAndMask(image, (ArgbImage) decodedMask);
    }

    /** Releases the image classifier's session, if there is one. */
    @Override
    public void close() {
        imageSafety.ifPresent(ImageSafetyClassifier::close);
    }

    private ImageInfo probe(byte[] bytes, String field) {
        try {
            return decoder.probe(bytes);
        } catch (InvalidImageException e) {
            throw new InvalidEditException(field + " " + e.getMessage());
        }
    }

    /** Whatever an engine did outside the hole, the result keeps the decoded input's pixels there. */
    private static ArgbImage keepUnmasked(ArgbImage original, Mask mask, ArgbImage result) {
        if (result.width() != original.width() || result.height() != original.height()) {
            throw new IllegalStateException("engine returned " + result.resolution() + " for a "
                    + original.resolution() + " image");
        }
        int[] in = original.pixels();
        int[] out = result.pixels();
        boolean[] hole = mask.cells();
        for (int i = 0; i < in.length; i++) {
            if (!hole[i]) {
                out[i] = in[i];
            }
        }
        return new ArgbImage(result.width(), result.height(), out, original.hasAlpha());
    }
}
