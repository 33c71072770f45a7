package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.Mask;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Runs a fill program of another project as a subprocess on PNG files in a temporary folder, for the side-by-side
 * benchmark only. The caller writes the inputs, names the command, and gets the program's output image back.
 */
final class PeerProcess implements AutoCloseable {
    private static final long TIMEOUT_MINUTES = 10;

    private final Path dir;

    PeerProcess() {
        try {
            dir = Files.createTempDirectory("brushwork-peer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an image as an 8-bit RGB PNG in the temporary folder and returns its path. */
    Path write(String name, ArgbImage image) {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        Path file = dir.resolve(name);
        try {
            ImageIO.write(b, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Runs the command to completion and reads the image it wrote; fails with the program's own output if not. */
    ArgbImage run(Path output, String... command) {
        try {
            File log = dir.resolve("log.txt").toFile();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(command[0] + " took more than " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0 || !Files.exists(output)) {
                throw new IllegalStateException(command[0] + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(log.toPath()).strip());
            }
            return new ImageDecoder(Long.MAX_VALUE).decode(Files.readAllBytes(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidImageException e) {
            throw new IllegalStateException(command[0] + " wrote an image we cannot read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The photo with only the hole's pixels taken from a peer's output: both peers also nudge a few known pixels
     * (outer blending), and the benchmark compares fills: what lands inside the hole.
     */
    static ArgbImage holeOnly(ArgbImage photo, Mask mask, ArgbImage filled) {
        int[] px = photo.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            if (mask.isHole(i)) {
                px[i] = filled.pixels()[i];
            }
        }
        return new ArgbImage(photo.width(), photo.height(), px, false);
    }

    /** True when the command runs and exits 0: how a peer tells whether it is installed. */
    static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) { // files before their folder
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
