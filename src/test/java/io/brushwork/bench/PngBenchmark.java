package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.PngEncoder;
import io.brushwork.image.Resize;
import io.brushwork.testing.ImageIoPng;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * {@code ./brushwork bench png [--photos DIR] [--runs N] [--size N]}: Brushwork's PNG encoder against ImageIO's in
 * the same process, on each photo resized to N x N (default 1024, about 1 MP), on the last once more with an alpha
 * channel, and on a mosaic of the colour photos at their own resolution.
 * The encoders take turns run by run, so a noisy neighbour slows both; medians, after a first run of each that also
 * checks the bytes. Brushwork's encoder runs twice a turn: on the common pool, and alone in a pool of one thread,
 * whose bytes must equal the parallel ones. CPU time is given for the single-threaded runs (ImageIO's and the
 * one-thread one): on a shared machine it moves less than wall time. Then decoding: ImageIO's reader against
 * Brushwork's decoder on the same images, written by Brushwork's encoder and by libpng.
 */
public final class PngBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String USAGE = "usage: ./brushwork bench png [--photos DIR] [--runs N] [--size N]";

    private PngBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchOptions.parse(args, List.of("photos", "runs", "size", "help"), USAGE);
        if (opts.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        Path photos = Path.of(opts.getOrDefault("photos", "target/photos"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "15"));
        int size = Integer.parseInt(opts.getOrDefault("size", "1024"));
        List<Path> files = BenchOptions.photoFiles(photos);
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "%d x %d, median of %d runs (ms); ratios are ImageIO / Brushwork for time,"
                + " Brushwork / ImageIO for size%n%n", size, size, runs);
        System.out.printf(Locale.ROOT, "%-16s %8s %8s %8s %8s %8s %7s %7s %10s %10s %6s%n", "", "imageio", "cpu",
                "bw", "bw 1 thr", "cpu", "wall", "cpu", "imageio", "bw", "size");
        System.out.printf(Locale.ROOT, "%-16s %8s %8s %8s %8s %8s %7s %7s %10s %10s %6s%n", "photo", "ms", "ms",
                "ms", "ms", "ms", "speed", "speed", "bytes", "bytes", "ratio");
        ForkJoinPool oneThread = new ForkJoinPool(1);
        List<ArgbImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
        List<ArgbImage> originals = new ArrayList<>();
        for (Path file : files) {
            ArgbImage original = decoder.decode(Files.readAllBytes(file));
            originals.add(original);
            images.add(Resize.bilinear(original, size, size));
            names.add(file.getFileName().toString());
        }
        images.add(withAlpha(images.get(images.size() - 1)));
        names.add(names.get(names.size() - 1) + "+alpha");
        images.add(mosaic(originals.stream().filter(PngBenchmark::inColour).toList(), size));
        names.add("mosaic");
        double[] speedups = new double[images.size()];
        double[] cpuSpeedups = new double[images.size()];
        double[] sizeRatios = new double[images.size()];
        for (int f = 0; f < images.size(); f++) {
            String name = names.get(f);
            ArgbImage image = images.get(f);
            byte[] theirs = ImageIoPng.encode(image);
            byte[] ours = PngEncoder.encode(image);
            byte[] oursOneThread = oneThread.submit(() -> PngEncoder.encode(image)).get();
            if (!Arrays.equals(ours, oursOneThread)) {
                throw new IllegalStateException(name + ": one thread wrote other bytes than the common pool");
            }
            // Wall time of each, and CPU time of the two single-threaded runs, which a busy machine disturbs less.
            double[][] wall = new double[3][runs];
            double[][] cpu = new double[2][runs];
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                ImageIoPng.encode(image);
                cpu[0][r] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                wall[0][r] = (System.nanoTime() - start) / 1e6;

                start = System.nanoTime();
                PngEncoder.encode(image);
                wall[1][r] = (System.nanoTime() - start) / 1e6;

                start = System.nanoTime();
                cpu[1][r] = oneThread.submit(() -> {
                    long own = THREADS.getCurrentThreadCpuTime();
                    PngEncoder.encode(image);
                    return (THREADS.getCurrentThreadCpuTime() - own) / 1e6;
                }).join();
                wall[2][r] = (System.nanoTime() - start) / 1e6;
            }
            double io = median(wall[0]);
            double bw = median(wall[1]);
            speedups[f] = io / bw;
            cpuSpeedups[f] = median(cpu[0]) / median(cpu[1]);
            sizeRatios[f] = (double) ours.length / theirs.length;
            System.out.printf(Locale.ROOT, "%-16s %8.1f %8.1f %8.1f %8.1f %8.1f %6.2fx %6.2fx %10d %10d %6.3f%n",
                    name, io, median(cpu[0]), bw, median(wall[2]), median(cpu[1]), speedups[f], cpuSpeedups[f],
                    theirs.length, ours.length, sizeRatios[f]);
        }
        oneThread.shutdown();
        System.out.printf(Locale.ROOT, "%nmedian speed-up %.2fx in wall time, %.2fx in CPU time on one thread;"
                + " median size ratio %.3f, worst %.3f%n", median(speedups), median(cpuSpeedups), median(sizeRatios),
                Arrays.stream(sizeRatios).max().orElseThrow());
        decoding(names, images, runs);
    }

    /**
     * Decoding, ImageIO's reader (as Brushwork decoded every PNG before) against Brushwork's decoder, taking turns,
     * on two files per image: Brushwork's own (every row Up-filtered) and libpng's through OpenCV (a filter chosen
     * per row, as most tools write PNGs). Both decode on the calling thread, so wall and CPU time are both given.
     */
    private static void decoding(List<String> names, List<ArgbImage> images, int runs) {
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
        System.out.printf(Locale.ROOT, "%nDecoding, median of %d runs (ms)%n", runs);
        System.out.printf(Locale.ROOT, "%-16s %-9s %8s %8s %8s %8s %7s %7s%n", "photo", "file", "imageio", "cpu", "bw",
                "cpu", "wall", "cpu");
        List<Double> wallSpeedups = new ArrayList<>();
        List<Double> cpuSpeedups = new ArrayList<>();
        for (int f = 0; f < images.size(); f++) {
            ArgbImage image = images.get(f);
            for (String writer : List.of("brushwork", "libpng")) {
                byte[] png = writer.equals("brushwork") ? PngEncoder.encode(image) : LibPng.encode(image);
                ArgbImage ours = decode(decoder, png);
                if (!Arrays.equals(ours.pixels(), image.pixels())
                        || !Arrays.equals(ImageIoPng.decode(png).pixels(), image.pixels())) {
                    throw new IllegalStateException(names.get(f) + ", " + writer + ": decoded other pixels");
                }
                double[][] wall = new double[2][runs];
                double[][] cpu = new double[2][runs];
                for (int r = 0; r < runs; r++) {
                    long start = System.nanoTime();
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    ImageIoPng.decode(png);
                    cpu[0][r] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                    wall[0][r] = (System.nanoTime() - start) / 1e6;

                    start = System.nanoTime();
                    cpuStart = THREADS.getCurrentThreadCpuTime();
                    decode(decoder, png);
                    cpu[1][r] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                    wall[1][r] = (System.nanoTime() - start) / 1e6;
                }
                double wallSpeedup = median(wall[0]) / median(wall[1]);
                double cpuSpeedup = median(cpu[0]) / median(cpu[1]);
                wallSpeedups.add(wallSpeedup);
                cpuSpeedups.add(cpuSpeedup);
                System.out.printf(Locale.ROOT, "%-16s %-9s %8.1f %8.1f %8.1f %8.1f %6.2fx %6.2fx%n", names.get(f),
                        writer, median(wall[0]), median(cpu[0]), median(wall[1]), median(cpu[1]), wallSpeedup,
                        cpuSpeedup);
            }
        }
        System.out.printf(Locale.ROOT, "%nmedian decoding speed-up %.2fx in wall time, %.2fx in CPU time%n",
                median(wallSpeedups.stream().mapToDouble(Double::doubleValue).toArray()),
                median(cpuSpeedups.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private static ArgbImage decode(ImageDecoder decoder, byte[] png) {
        try {
            return decoder.decode(png);
        } catch (InvalidImageException e) {
            throw new IllegalStateException(e);
        }
    }

    /** libpng's encoder through OpenCV, with OpenCV's defaults (a filter chosen per row). */
    private static final class LibPng {
        static {
            nu.pattern.OpenCV.loadLocally();
        }

        static byte[] encode(ArgbImage image) {
            int channels = image.hasAlpha() ? 4 : 3;
            int[] px = image.pixels();
            byte[] bytes = new byte[px.length * channels];
            for (int i = 0; i < px.length; i++) {
                int o = i * channels;
                bytes[o] = (byte) px[i];
                bytes[o + 1] = (byte) (px[i] >> 8);
                bytes[o + 2] = (byte) (px[i] >> 16);
                if (channels == 4) {
                    bytes[o + 3] = (byte) (px[i] >>> 24);
                }
            }
            Mat mat = new Mat(image.height(), image.width(), image.hasAlpha() ? CvType.CV_8UC4 : CvType.CV_8UC3);
            mat.put(0, 0, bytes);
            MatOfByte out = new MatOfByte();
            Imgcodecs.imencode(".png", mat, out);
            return out.toArray();
        }
    }

    /**
     * The colour photos at their own resolution, side by side in a square, each mirrored at its edges where it is
     * smaller than its cell: a photo of the size asked for without the smoothness that enlarging a small one adds.
     */
    private static ArgbImage mosaic(List<ArgbImage> photos, int size) {
        int cell = size / 2;
        int[] px = new int[size * size];
        for (int q = 0; q < 4; q++) {
            ArgbImage photo = photos.get(q % photos.size());
            int w = photo.width();
            int h = photo.height();
            for (int y = 0; y < cell; y++) {
                int sy = mirror(y, h);
                for (int x = 0; x < cell; x++) {
                    px[(q / 2 * cell + y) * size + q % 2 * cell + x] = photo.pixels()[sy * w + mirror(x, w)];
                }
            }
        }
        return new ArgbImage(size, size, px, false);
    }

    private static boolean inColour(ArgbImage photo) {
        return Arrays.stream(photo.pixels()).anyMatch(p -> (p >> 16 & 0xFF) != (p & 0xFF));
    }

    /** Index {@code i} reflected back into {@code [0, n)}, as often as it takes. */
    private static int mirror(int i, int n) {
        int period = 2 * n;
        int r = i % period;
        return r < n ? r : period - 1 - r;
    }

    /** The photo with a smooth alpha ramp left to right, as a cut-out edit might have. */
    private static ArgbImage withAlpha(ArgbImage photo) {
        int w = photo.width();
        int[] px = photo.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = (px[i] & 0xFFFFFF) | (255 * (i % w) / Math.max(1, w - 1)) << 24;
        }
        return new ArgbImage(w, photo.height(), px, true);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
