package io.brushwork.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the benchmarks share on the way in: their {@code --name value} options and the photos they run on. */
final class BenchOptions {
    private BenchOptions() {
    }

    /**
     * {@code --name value} pairs, and {@code --name} alone (a flag, "true") when no value follows; words that are
     * not options (the benchmark's name, passed on by the launcher) are skipped. An unknown option prints the usage
     * and exits with status 2: a typo must not run something else in silence.
     */
    static Map<String, String> parse(String[] args, List<String> known, String usage) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                continue;
            }
            String key = a.substring(2);
            if (!known.contains(key)) {
                System.err.println("no option --" + key + "\n" + usage);
                System.exit(2);
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(key, flag ? "true" : args[++i]);
        }
        return opts;
    }

    /** The PNG and JPEG files in a folder, by name. */
    static List<Path> photoFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().matches(".*\\.(png|jpg)$")).sorted().toList();
        }
    }
}
