package io.brushwork.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a benchmark ran on, printed with its numbers since they mean little without it. */
final class Machine {
    private Machine() {
    }

    /** CPU model, cores, Java and the load average before the run. */
    static String describe() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return String.format(Locale.ROOT, "%s, %d cores, Java %s, load average before: %s", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).trim());
    }
}
