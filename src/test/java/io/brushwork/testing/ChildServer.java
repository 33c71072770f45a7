package io.brushwork.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code brushwork serve} in a JVM of its own, on the tests' classpath, so that a test can kill it with SIGKILL: no
 * shutdown hook, no lease given back, as when a replica's machine dies. Its settings come from the environment, as an
 * operator's would.
 */
public final class ChildServer implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving on port (\\d+)");

    private final Process process;
    private final Path log;
    public final int port;

    private ChildServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts it with {@code --data dir} and {@code BRUSHWORK_<KEY>} for each setting; returns once it listens. */
    public static ChildServer start(Path dir, Map<String, String> settings) {
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    "io.brushwork.cli.Main", "serve", "--host", "127.0.0.1", "--port", "0", "--data",
                    dir.resolve("data").toString()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            settings.forEach((key, value) -> pb.environment()
                    .put("BRUSHWORK_" + key.toUpperCase().replace('-', '_'), value));
            Process process = pb.start();
            long deadline = System.nanoTime() + 60_000_000_000L; // a JVM, Flyway and Jetty on a loaded machine
            while (System.nanoTime() < deadline) {
                Matcher m = SERVING.matcher(Files.readString(out, StandardCharsets.UTF_8));
                if (m.find()) {
                    return new ChildServer(process, err, Integer.parseInt(m.group(1)));
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the child server did not start: " + Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL, as {@code kill -9}; returns once the process is gone. */
    public void kill() {
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start().waitFor();
            process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What it wrote to stderr, for a failing test's message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
