package io.brushwork.edit;

import io.brushwork.engine.InpaintEngine.Capability;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.router.Route;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.ImageInfo;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.Mask;
import io.brushwork.image.Orientation;
import io.brushwork.image.PngEncoder;
import io.brushwork.image.Resize;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.StyleType;
import io.brushwork.safety.ImageSafetyClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 */
public final class EditPipeline implements AutoCloseable {
    private static final long SEED_SPACE = 1L << 31;

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
     * Runs the edit, handing each finished image to {@code keep} as soon as it is encoded, so that at most one
     * image's PNG is held at a time (the memory budget counts one); the result lists the images without their bytes.
     */
    public EditResult run(EditRequest request, Consumer<EditedImage> keep) {
        int baseSeed = request.seed().orElseGet(() -> ThreadLocalRandom.current().nextInt() & Integer.MAX_VALUE);
        StyleType style = request.styleType().orElse(StyleType.AUTO);

        ImageInfo imageInfo = probe(request.image(), "image_file");
        ImageInfo maskInfo = probe(request.mask(), "mask");
        boolean sameSize = imageInfo.width() == maskInfo.width() && imageInfo.height() == maskInfo.height();
        // A mask made from the photo's stored pixels (as tools that ignore EXIF make it) is turned as the photo is.
        boolean maskAsStored = !sameSize && maskInfo.isStoredSizeOf(imageInfo);
        if (!sameSize && !maskAsStored) {
            throw new InvalidEditException("mask is " + maskInfo.resolution() + " but image_file is "
                    + imageInfo.resolution() + (imageInfo.orientation() == 1 ? ""
                    : " as its EXIF orientation turns it") + "; the mask must have the image's width and height");
        }
        int[] size = request.output().of(imageInfo.width(), imageInfo.height());
        boolean resize = size[0] != imageInfo.width() || size[1] != imageInfo.height();
        // The resized copies are reserved with the originals, before any of them is made.
        long resizedBytes = resize ? (long) size[0] * size[1] * MemoryBudget.BYTES_PER_PIXEL : 0;
        // Held until the edit is over and every backend call it started has ended (see EditMemory).
        try (EditMemory held = new EditMemory(memory)) {
            held.reserve(imageInfo);
            held.reserveWorking(resizedBytes, imageInfo);
            return edit(request, imageInfo, maskAsStored, size, baseSeed, style, keep, held);
        }
    }

    private EditResult edit(EditRequest request, ImageInfo imageInfo, boolean maskAsStored, int[] size, int baseSeed,
                            StyleType style, Consumer<EditedImage> keep, EditMemory held) {
        Route route = request.model().route();
        long start = System.nanoTime();
        ArgbImage image = decode(request.image(), "image_file");
        ArgbImage maskImage = decode(request.mask(), "mask");
        Mask mask = Mask.fromImage(maskAsStored ? Orientation.apply(maskImage, imageInfo.orientation()) : maskImage);
        boolean resized = size[0] != image.width() || size[1] != image.height();
        if (resized) {
            // The output size is what a V3 client expects; "unmasked" is then kept against the resized photo.
            image = Resize.bilinear(image, size[0], size[1]);
            mask = Resize.mask(mask, size[0], size[1]);
        }
        if (mask.isFull() && route.capabilities().contains(Capability.FILLS_FROM_SURROUNDINGS)) {
            throw new InvalidEditException("mask is black everywhere" + (resized ? " once resized to the output's "
                    + size[0] + "x" + size[1] : "") + ", so nothing of the photo is kept; model "
                    + request.model().name() + " (" + (route.backends().size() == 1 ? "backend " : "backends ")
                    + String.join(", ", route.backends()) + ") fills the black region from the pixels around it,"
                    + " so some of the mask must be white");
        }
        long decoded = System.nanoTime();
        held.reserveWorking(mask.isEmpty() ? 0 : route.workingBytes(mask), imageInfo);
        return run(request, image, mask, baseSeed, style, decoded - start, keep, held);
    }

    private EditResult run(EditRequest request, ArgbImage image, Mask mask, int baseSeed, StyleType style,
                           long decodeNanos, Consumer<EditedImage> keep, EditMemory held) {
        Route route = request.model().route();
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
            ArgbImage result = image;
            if (!mask.isEmpty()) {
                Inpainted done = route.inpaint(new InpaintJob(image, mask, prompt, request.prompt(), seed,
                        Route.PRESET, request.magicPrompt(), style), held::outlivedBy);
                result = keepUnmasked(image, mask, done.image());
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
            } else if (result == image) {
                png = unchangedPng == null ? (unchangedPng = PngEncoder.encode(image)) : unchangedPng;
            } else {
                png = PngEncoder.encode(result);
            }
            long t2 = System.nanoTime();
            engineNanos += t1 - t0;
            encodeNanos += t2 - t1;
            EditedImage edited = new EditedImage(seed, png, image.width(), image.height(), prompt, style, safe);
            keep.accept(edited);
            images.add(edited.withoutPng());
        }
        return new EditResult(images, List.copyOf(backends), Duration.ofNanos(decodeNanos),
                Duration.ofNanos(engineNanos), Duration.ofNanos(encodeNanos));
    }

    private ArgbImage decode(byte[] bytes, String field) {
        try {
            return decoder.decode(bytes);
        } catch (InvalidImageException e) {
            throw new InvalidEditException(field + " " + e.getMessage());
        }
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
