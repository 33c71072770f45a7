package io.brushwork.bench;

import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.Mask;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./brushwork bench fill}: the content-aware fill against OpenCV's Telea and Navier-Stokes on real photos
 * and seeded masks, and, where installed, against G'MIC's patch-based inpainting and OpenCV's ShiftMap ({@link
 * Peers}), also on objects painted over by hand ({@link ObjectMasks}). Prints quality (PSNR, SSIM, texture inside
 * the hole) and speed (medians), and writes a montage per photo and per object. Machines are noisy: read ratios
 * and medians, and compare rows from the same run.
 *
 * <p>Options: {@code --runs N} (default 5), {@code --seeds N} (the quality section's masks per photo and kind,
 * default 1), {@code --photos DIR} (default target/photos), {@code --montages DIR},
 * {@code --sections quality,objects,speed,large,heap,scaling} (default all).
 */
public final class FillBenchmark {
    private static final PatchMatchEngine PATCHMATCH = new PatchMatchEngine();
    private static final long MASK_SEED = 2026;

    /** The in-process methods; the quality and objects sections add the {@link Peers} that are installed. */
    private static final List<FillMethod> METHODS = List.of(
            new FillMethod("opencv-telea", "OpenCV Telea", (i, m) -> OpenCvInpaint.telea(i, m, 3)),
            new FillMethod("opencv-ns", "OpenCV NS", (i, m) -> OpenCvInpaint.navierStokes(i, m, 3)),
            new FillMethod("brushwork-fast", "Brushwork fast",
                    (i, m) -> PATCHMATCH.inpaint(InpaintJob.of(i, m, "", 1, "fast")).image()),
            new FillMethod("brushwork-quality", "Brushwork quality",
                    (i, m) -> PATCHMATCH.inpaint(InpaintJob.of(i, m, "", 1, "quality")).image()));

    private static final List<String> SECTIONS = List.of("quality", "objects", "speed", "large", "heap", "scaling");
    private static final List<String> OPTIONS = List.of("runs", "seeds", "photos", "montages", "sections",
            "heap-check", "preset", "help");
    private static final String USAGE = "usage: ./brushwork bench fill [--runs N] [--seeds N] [--photos DIR]"
            + " [--montages DIR] [--sections " + String.join(",", SECTIONS) + "]";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchOptions.parse(args, OPTIONS, USAGE);
        if (opts.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        Path photos = Path.of(opts.getOrDefault("photos", "target/photos"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
        if (opts.containsKey("heap-check")) {
            heapCheck(photos, Integer.parseInt(opts.get("heap-check")), opts.getOrDefault("preset", "quality"));
            return;
        }
        if (!Files.isDirectory(photos)) {
            System.err.println("no photos in " + photos + ": run scripts/fetch-photos.sh first, or pass --photos DIR");
            System.exit(2);
        }
        Path montages = opts.containsKey("montages") ? Path.of(opts.get("montages")) : null;
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MB%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<String> sections = List.of(opts.getOrDefault("sections", String.join(",", SECTIONS)).split(","));
        for (String section : sections) {
            if (!SECTIONS.contains(section.trim())) {
                // A typo must not run nothing in silence.
                System.err.println("no section '" + section + "'; sections: " + String.join(", ", SECTIONS));
                System.exit(2);
            }
        }
        // Peers are looked up once, and only for the sections that compare against them.
        List<FillMethod> compared = sections.contains("quality") || sections.contains("objects")
                ? withPeers() : METHODS;
        if (sections.contains("quality")) {
            quality(photos, montages, compared, Integer.parseInt(opts.getOrDefault("seeds", "1")));
        }
        if (sections.contains("objects")) {
            ObjectRemoval.run(photos, montages, compared);
        }
        if (sections.contains("speed")) {
            speed(photos, runs);
        }
        if (sections.contains("large")) {
            large(photos, Math.max(3, runs / 2));
        }
        if (sections.contains("heap")) {
            heap(photos);
        }
        if (sections.contains("scaling")) {
            scaling(photos, runs);
        }
    }

    private static ArgbImage load(Path file) throws Exception {
        return new ImageDecoder(Long.MAX_VALUE).decode(Files.readAllBytes(file));
    }


    // ---- quality ---------------------------------------------------------------------------------------------

    private static List<FillMethod> withPeers() {
        List<FillMethod> all = new ArrayList<>(METHODS);
        all.addAll(Peers.available());
        return all;
    }

    /**
     * @param seeds masks drawn per photo and kind, from seed {@value #MASK_SEED} on: one seed's masks can favour a
     *              change by luck (a gain on one brick wall that two other seeds reversed), so compare several
     */
    private static void quality(Path photos, Path montages, List<FillMethod> methods, int seeds) throws Exception {
        System.out.println("## Quality inside the hole (PSNR dB / SSIM / texture; mask seeds " + MASK_SEED
                + (seeds > 1 ? " to " + (MASK_SEED + seeds - 1) : "") + ")");
        System.out.printf("%-14s %-8s", "photo", "mask");
        for (FillMethod m : methods) {
            System.out.printf(" %24s", m.name());
        }
        System.out.println("  best SSIM");
        Tally psnrs = new Tally();
        Tally ssims = new Tally();
        Tally textures = new Tally();
        List<String> bests = new ArrayList<>();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Path file : BenchOptions.photoFiles(photos)) {
            ArgbImage photo = load(file);
            String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            List<ArgbImage[]> rows = new ArrayList<>();
            for (BenchMasks.Kind kind : BenchMasks.Kind.values()) {
                for (long seed = MASK_SEED; seed < MASK_SEED + seeds; seed++) {
                    Mask mask = BenchMasks.make(kind, photo.width(), photo.height(), seed);
                    ArgbImage[] row = new ArgbImage[methods.size() + 1];
                    row[0] = Montage.showHole(photo, mask);
                    System.out.printf("%-14s %-8s", name, kind.name().toLowerCase(Locale.ROOT)
                            + (seeds > 1 ? "/" + (seed - MASK_SEED + 1) : ""));
                    for (int k = 0; k < methods.size(); k++) {
                        ArgbImage out = methods.get(k).fill().apply(photo, mask);
                        row[k + 1] = out;
                        double psnr = Metrics.psnr(photo, out, mask);
                        double ssim = Metrics.ssim(photo, out, mask);
                        double texture = Metrics.texture(out, mask);
                        System.out.printf(Locale.ROOT, " %9.2f / %.3f / %5.2f", psnr, ssim, texture);
                        double[] s = sums.computeIfAbsent(kind + " " + methods.get(k).name(), x -> new double[4]);
                        s[0] += psnr;
                        s[1] += ssim;
                        s[2] += texture;
                        s[3]++;
                        psnrs.add(methods.get(k).name(), psnr);
                        ssims.add(methods.get(k).name(), ssim);
                        textures.add(methods.get(k).name(), texture);
                    }
                    String best = ssims.bestOfRow();
                    bests.add(best);
                    System.out.println("  " + best);
                    if (seed == MASK_SEED) {
                        rows.add(row); // montages show the first seed's masks
                    }
                }
            }
            if (montages != null) {
                Files.createDirectories(montages);
                Montage.write(Montage.titles(methods), rows, montages.resolve(name + ".png"));
            }
        }
        System.out.println();
        System.out.println("Means per mask kind:");
        for (BenchMasks.Kind kind : BenchMasks.Kind.values()) {
            System.out.printf("%-23s", kind.name().toLowerCase(Locale.ROOT));
            for (FillMethod m : methods) {
                double[] s = sums.get(kind + " " + m.name());
                System.out.printf(Locale.ROOT, " %9.2f / %.3f / %5.2f", s[0] / s[3], s[1] / s[3], s[2] / s[3]);
            }
            System.out.println();
        }
        System.out.printf("%-23s", "median, all rows");
        for (FillMethod m : methods) {
            System.out.printf(Locale.ROOT, " %9.2f / %.3f / %5.2f", psnrs.median(m.name()), ssims.median(m.name()),
                    textures.median(m.name()));
        }
        System.out.println();
        System.out.println("best SSIM per row: " + Tally.wins(bests));
        System.out.println();
    }

    // ---- speed -----------------------------------------------------------------------------------------------

    private static double medianMillis(int runs, Runnable job) {
        job.run(); // warm-up
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            job.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    }

    private static void speed(Path photos, int runs) throws Exception {
        ArgbImage photo = load(photos.resolve("astronaut.png"));
        Mask rect = BenchMasks.rectangle(photo.width(), photo.height(), MASK_SEED);
        System.out.printf("## Speed: astronaut.png 512x512, one 96x128 rectangle, median of %d runs%n", runs);
        for (FillMethod m : METHODS) {
            System.out.printf(Locale.ROOT, "%-18s %8.1f ms%n", m.name(),
                    medianMillis(runs, () -> m.fill().apply(photo, rect)));
        }
        System.out.println();
    }

    private static ArgbImage resized(ArgbImage photo, int size) {
        BufferedImage src = new BufferedImage(photo.width(), photo.height(), BufferedImage.TYPE_INT_RGB);
        src.setRGB(0, 0, photo.width(), photo.height(), photo.pixels(), 0, photo.width());
        BufferedImage dst = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        int[] px = new int[size * size];
        dst.getRGB(0, 0, size, size, px, 0, size);
        return new ArgbImage(size, size, px, false);
    }

    private static Mask fivePercent(int size) {
        return BenchMasks.strokes(size, size, MASK_SEED, 18, 36, 0.05);
    }

    private static void large(Path photos, int runs) throws Exception {
        ArgbImage photo = resized(load(photos.resolve("astronaut.png")), 2048);
        Mask mask = fivePercent(2048);
        System.out.printf("## Speed: astronaut.png resized to 2048x2048, thick strokes covering %.1f%%, median of %d"
                + " runs%n", 100.0 * mask.holeCount() / (2048 * 2048), runs);
        for (FillMethod m : METHODS) {
            System.out.printf(Locale.ROOT, "%-18s %8.1f ms%n", m.name(),
                    medianMillis(runs, () -> m.fill().apply(photo, mask)));
        }
        System.out.println();
    }

    /** Runs the 4096x4096 fill in a child JVM capped at 512 MB of heap: it either fits or fails. */
    private static void heap(Path photos) throws Exception {
        System.out.println("## Memory: 4096x4096, thick strokes covering 5%, in a JVM with -Xmx512m");
        for (String preset : List.of("fast", "quality")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    FillBenchmark.class.getName(), "--photos", photos.toString(), "--heap-check", "4096",
                    "--preset", preset).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).trim();
            int status = p.waitFor();
            System.out.printf("%-8s %s%n", preset, status == 0 ? output : "FAILED (exit " + status + "): "
                    + output.lines().filter(l -> l.contains("Error") || l.contains("Exception")).findFirst()
                    .orElse(output));
        }
        System.out.println();
    }

    private static void heapCheck(Path photos, int size, String preset) throws Exception {
        ArgbImage photo = resized(load(photos.resolve("astronaut.png")), size);
        Mask mask = fivePercent(size);
        long start = System.nanoTime();
        PATCHMATCH.inpaint(InpaintJob.of(photo, mask, "", 1, preset));
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "ok in %.1f s; heap pools' peaks add up to %d MB (an upper bound)%n",
                (System.nanoTime() - start) / 1e9, peak >> 20);
    }

    private static void scaling(Path photos, int runs) throws Exception {
        ArgbImage photo = load(photos.resolve("astronaut.png"));
        Mask rect = BenchMasks.rectangle(photo.width(), photo.height(), MASK_SEED);
        Supplier<ArgbImage> one = () -> PATCHMATCH.inpaint(InpaintJob.of(photo, rect, "", 1, "quality")).image();
        double single = medianMillis(runs, one::get);
        double pair = medianMillis(runs, () -> {
            // Two threads of their own, as two edit workers would be (the common pool may have just one).
            Thread a = new Thread(one::get);
            Thread b = new Thread(one::get);
            a.start();
            b.start();
            try {
                a.join();
                b.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.printf(Locale.ROOT, "## Throughput: one quality edit %.1f ms, two at once %.1f ms: ratio %.2f%n",
                single, pair, pair / single);
    }

    private FillBenchmark() {
    }
}
