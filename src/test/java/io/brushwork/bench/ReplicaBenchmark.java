package io.brushwork.bench;

import io.brushwork.testing.Multipart;
import io.brushwork.testing.S3Server;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestPostgres;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What running as replicas costs an edit: the same small edit, from the same client, against one server on SQLite
 * and files, one server on PostgreSQL (embedded) and S3 (s3proxy), and two such replicas the client alternates
 * between. All servers run in this JVM, side by side, and the setups take turns run after run, so the machine's
 * noise falls on all of them alike; each figure is the median of the runs.
 */
public final class ReplicaBenchmark {
    private static final Multipart EDIT = new Multipart()
            .file("image_file", TestImages.png(TestImages.photo(256, 192)))
            .file("mask", TestImages.png(TestImages.mask(256, 192, 100, 80, 12, 12)))
            .text("model", "V_2_TURBO");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int requests;
    private final int clients;

    private ReplicaBenchmark(int requests, int clients) {
        this.requests = requests;
        this.clients = clients;
    }

    /** One run: requests per second, and the 95th percentile of their latencies in ms. */
    private record Run(double perSecond, double p95) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new LinkedHashMap<>(Map.of("--runs", 5, "--requests", 200, "--clients", 4));
        int first = args.length > 0 && args[0].equals("replicas") ? 1 : 0; // the benchmark's name, from the script
        for (int i = first; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 == args.length) {
                System.err.println("usage: ./brushwork bench replicas [--runs N] [--requests N] [--clients N]");
                System.exit(2);
            }
            options.put(args[i], Integer.parseInt(args[i + 1]));
        }
        int runs = options.get("--runs");
        ReplicaBenchmark bench = new ReplicaBenchmark(options.get("--requests"), options.get("--clients"));
        Path dir = Files.createTempDirectory("replica-bench");
        S3Server s3 = S3Server.start();
        String sharedUrl = TestPostgres.newDatabaseUrl();
        Map<String, List<TestServer>> setups = new LinkedHashMap<>();
        setups.put("(a) SQLite + files, one server", List.of(TestServer.builder(dir.resolve("a")).start()));
        setups.put("(b) PostgreSQL + S3, one server", List.of(s3.configure(TestServer.builder(dir.resolve("b"))
                .set("database-url", TestPostgres.newDatabaseUrl()), "b").start()));
        setups.put("(c) PostgreSQL + S3, two replicas", List.of(
                s3.configure(TestServer.builder(dir.resolve("c1")).set("database-url", sharedUrl), "c").start(),
                s3.configure(TestServer.builder(dir.resolve("c2")).set("database-url", sharedUrl), "c").start()));

        System.out.println(Machine.describe());
        Map<String, List<Run>> results = new LinkedHashMap<>();
        setups.forEach((name, servers) -> bench.load(servers)); // warm-up: JIT, pools, plan caches
        for (int run = 0; run < runs; run++) {
            for (var setup : setups.entrySet()) {
                results.computeIfAbsent(setup.getKey(), k -> new ArrayList<>()).add(bench.load(setup.getValue()));
            }
        }
        System.out.printf(Locale.ROOT, "%d requests from %d clients, median of %d runs; load average after: %s%n%n",
                bench.requests, bench.clients, runs, Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| setup | edits/s | p95 ms | edits/s vs (a) | p95 vs (a) |");
        System.out.println("|---|---:|---:|---:|---:|");
        Run base = null;
        for (var result : results.entrySet()) {
            Run median = new Run(median(result.getValue().stream().mapToDouble(Run::perSecond).toArray()),
                    median(result.getValue().stream().mapToDouble(Run::p95).toArray()));
            base = base == null ? median : base;
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f | %.2f | %.2f |%n", result.getKey(), median.perSecond,
                    median.p95, median.perSecond / base.perSecond, median.p95 / base.p95);
        }
        setups.values().forEach(servers -> servers.forEach(TestServer::close));
        s3.close();
        System.exit(0); // the embedded PostgreSQL's shutdown hook stops it
    }

    /** Sends {@link #requests} edits from {@link #clients} threads, request i to server i mod n. */
    private Run load(List<TestServer> servers) {
        String key = servers.get(0).key; // created once, on the first, and valid on every replica
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        send(servers.get(i % servers.size()), key);
                        nanos[i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return new Run(requests / seconds, nanos[(int) Math.ceil(0.95 * requests) - 1] / 1e6);
    }

    private void send(TestServer server, String key) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.base() + "/edit"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", EDIT.contentType()).header("Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EDIT.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + ": " + new String(response.body()));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
