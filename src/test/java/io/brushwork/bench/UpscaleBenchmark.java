package io.brushwork.bench;

import io.brushwork.engine.Cancellation;
import io.brushwork.engine.upscale.ClassicUpscaler;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.Mask;
import io.brushwork.testing.ReferenceScaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.UnaryOperator;

/**
 * {@code ./brushwork bench upscale [--runs N] [--photos DIR]}: each photo is shrunk to half by area averaging and
 * enlarged back by Java2D's bicubic, by plain Lanczos-3 (the upscaler's first step alone) and by the built-in
 * upscaler at Ideogram's defaults (resemblance 50, detail 50); each result is measured against the original:
 * PSNR, SSIM, sharpness (mean gradient over the original's) and time. A border of {@value #BORDER} pixels is left
 * out of the measures, where each method pads the image its own way. The methods take turns run by run, in one
 * process, so a noisy neighbour slows all three; times are medians. Java2D's bicubic runs on one thread; the two
 * of ours run in parallel stripes on the common pool, and again alone in a pool of one thread (the second time
 * column), whose bytes must equal the parallel ones.
 */
public final class UpscaleBenchmark {
    private static final String USAGE = "usage: ./brushwork bench upscale [--runs N] [--photos DIR]";
    private static final int BORDER = 8;
    private static final List<String> NAMES = List.of("bicubic", "lanczos3", "brushwork");
    private static final List<UnaryOperator<ArgbImage>> METHODS = List.of(
            small -> ReferenceScaling.bicubic(small, 2),
            small -> ClassicUpscaler.lanczos(small, 2, Cancellation.NONE),
            small -> ClassicUpscaler.upscale(small, 2, 50, 50, Cancellation.NONE));

    private UpscaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchOptions.parse(args, List.of("photos", "runs", "help"), USAGE);
        if (opts.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        Path photos = Path.of(opts.getOrDefault("photos", "target/photos"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
        if (!Files.isDirectory(photos)) {
            System.err.println("no photos in " + photos + ": run scripts/fetch-photos.sh first, or pass --photos DIR");
            System.exit(2);
        }
        List<Path> files = BenchOptions.photoFiles(photos);
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "x2 after an area-average shrink to half; median of %d runs; border of %d"
                + " px left out%n%n", runs, BORDER);
        System.out.printf(Locale.ROOT, "| %-10s | %-7s | %-9s | %7s | %6s | %9s | %7s | %8s |%n", "photo", "input",
                "method", "PSNR dB", "SSIM", "sharpness", "ms", "ms 1 thr");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        ForkJoinPool oneThread = new ForkJoinPool(1);
        double[][] sums = new double[NAMES.size()][5];
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
        for (Path file : files) {
            ArgbImage photo = decoder.decode(Files.readAllBytes(file));
            ArgbImage original = ReferenceScaling.crop(photo, photo.width() / 2 * 2, photo.height() / 2 * 2);
            ArgbImage small = ReferenceScaling.areaDown(original, 2);
            Mask inside = inside(original.width(), original.height());
            double sharpness = Metrics.gradient(original, inside);

            double[][] times = new double[METHODS.size()][runs];
            double[][] oneThreadTimes = new double[METHODS.size()][runs];
            List<ArgbImage> results = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                for (int m = 0; m < METHODS.size(); m++) {
                    UnaryOperator<ArgbImage> method = METHODS.get(m);
                    long start = System.nanoTime();
                    ArgbImage out = method.apply(small);
                    times[m][r] = (System.nanoTime() - start) / 1e6;
                    if (m > 0) {
                        start = System.nanoTime();
                        ArgbImage alone = oneThread.submit(() -> method.apply(small)).get();
                        oneThreadTimes[m][r] = (System.nanoTime() - start) / 1e6;
                        if (!Arrays.equals(out.pixels(), alone.pixels())) {
                            throw new IllegalStateException(file + ": one thread made other bytes than the pool");
                        }
                    }
                    if (r == 0) {
                        results.add(out);
                    }
                }
            }
            String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            for (int m = 0; m < METHODS.size(); m++) {
                ArgbImage out = results.get(m);
                double[] row = {Metrics.psnr(original, out, inside), Metrics.ssim(original, out, inside),
                        Metrics.gradient(out, inside) / sharpness, PngBenchmark.median(times[m]),
                        m > 0 ? PngBenchmark.median(oneThreadTimes[m]) : PngBenchmark.median(times[m])};
                for (int k = 0; k < row.length; k++) {
                    sums[m][k] += row[k];
                }
                printRow(name, small.resolution(), NAMES.get(m), row);
            }
        }
        oneThread.shutdown();
        for (int m = 0; m < METHODS.size(); m++) {
            double[] mean = sums[m].clone();
            for (int k = 0; k < mean.length; k++) {
                mean[k] /= files.size();
            }
            printRow("mean", "", NAMES.get(m), mean);
        }
    }

    private static void printRow(String photo, String size, String method, double[] row) {
        System.out.printf(Locale.ROOT, "| %-10s | %-7s | %-9s | %7.2f | %6.4f | %9.3f | %7.1f | %8.1f |%n", photo, size,
                method, row[0], row[1], row[2], row[3], row[4]);
    }

    /** Every pixel but a border, as a mask's "holes": the region the measures look at. */
    private static Mask inside(int w, int h) {
        boolean[] cells = new boolean[w * h];
        for (int y = BORDER; y < h - BORDER; y++) {
            Arrays.fill(cells, y * w + BORDER, y * w + w - BORDER, true);
        }
        return new Mask(w, h, cells);
    }
}
