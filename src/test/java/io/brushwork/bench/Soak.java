package io.brushwork.bench;

import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * {@code scripts/soak.sh}: a mixed, hostile load against a Brushwork server on loopback, bounded in time and in
 * requests. Ordinary edits run beside clients that trickle their bodies, send bodies over the limit, send mutated
 * multipart and send no key. It prints what each kind of client was answered, the ordinary edits' latency
 * percentiles, and the server's resident memory and open files before and after. Loopback only: the host is fixed.
 */
public final class Soak {
    private static final String HOST = "127.0.0.1";
    private static final int MAX_REQUESTS = 100_000;

    private final int port;
    private final String key;
    private final long deadline;
    private final AtomicInteger sent = new AtomicInteger();
    private final Map<String, Map<String, LongAdder>> answers = new ConcurrentHashMap<>();
    private final List<Long> editMillis = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Soak(int port, String key, Duration length) {
        this.port = port;
        this.key = key;
        this.deadline = System.nanoTime() + length.toNanos();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String key = args[1];
        Duration length = Duration.ofSeconds(Long.parseLong(args[2]));
        long pid = Long.parseLong(args[3]);
        String before = process(pid);
        new Soak(port, key, length).run();
        Thread.sleep(2000); // let the server finish what it was answering
        System.out.println("server before: " + before);
        System.out.println("server after:  " + process(pid));
    }

    private boolean going() {
        return System.nanoTime() < deadline && sent.incrementAndGet() <= MAX_REQUESTS;
    }

    private void count(String client, String answer) {
        answers.computeIfAbsent(client, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(answer, a -> new LongAdder()).increment();
    }

    private void run() throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(12);
        for (int i = 0; i < 4; i++) {
            clients.submit(this::ordinaryEdits);
        }
        for (int i = 0; i < 2; i++) {
            clients.submit(this::trickler);
        }
        clients.submit(this::oversized);
        clients.submit(this::mutated);
        clients.submit(this::keyless);
        clients.submit(this::headerTrickler);
        clients.submit(this::streamer);
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.MINUTES);

        for (Map.Entry<String, Map<String, LongAdder>> client : new TreeMap<>(answers).entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", client.getKey()));
            new TreeMap<>(client.getValue()).forEach((answer, n) -> line.append("  ").append(answer).append(" x")
                    .append(n.sum()));
            System.out.println(line);
        }
        List<Long> sorted = new ArrayList<>(editMillis);
        Collections.sort(sorted);
        if (!sorted.isEmpty()) {
            System.out.printf(Locale.ROOT, "ordinary edits: %d, latency p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    sorted.size(), percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1));
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static final Multipart EDIT = new Multipart()
            .file("image_file", TestImages.png(TestImages.photo(256, 192)))
            .file("mask", TestImages.png(TestImages.mask(256, 192, 100, 80, 12, 12)))
            .text("model", "V_2_TURBO");

    private HttpRequest.Builder post(byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/edit"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", EDIT.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private void ordinaryEdits() {
        sendAll("ordinary", () -> post(EDIT.body()).header("Api-Key", key).build());
    }

    private void keyless() {
        sendAll("keyless", () -> post(EDIT.body()).build());
    }

    /** Multipart bodies with random bytes flipped, cut or repeated: never a 5xx, never a dead server. */
    private void mutated() {
        Random random = new Random(2026);
        byte[] body = EDIT.body();
        sendAll("mutated", () -> {
            byte[] mutant = body.clone();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                mutant[random.nextInt(mutant.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                mutant = Arrays.copyOf(mutant, random.nextInt(mutant.length));
            }
            return post(mutant).header("Api-Key", key).build();
        });
    }

    /** Sends requests one after another until time or the request budget runs out, counting each answer. */
    private void sendAll(String client, Supplier<HttpRequest> next) {
        while (going()) {
            long start = System.nanoTime();
            try {
                int status = http.send(next.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
                count(client, String.valueOf(status));
                if (client.equals("ordinary") && status == 200) {
                    editMillis.add((System.nanoTime() - start) / 1_000_000);
                }
            } catch (IOException e) {
                count(client, "io-error");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Headers, then a byte every 200 ms: the server should cut it off (408) and free its place. */
    private void trickler() {
        while (going()) {
            count("trickler", rawPost(1024 * 1024, 1, 200));
        }
    }

    /** Its request line and headers a byte every 500 ms: the server should close it at header-timeout. */
    private void headerTrickler() {
        while (going()) {
            try (Socket socket = new Socket(InetAddress.getByName(HOST), port)) {
                socket.setSoTimeout(60_000);
                byte[] head = ("GET /healthz HTTP/1.1\r\nHost: " + HOST + "\r\nX-Pad: " + "a".repeat(200) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                String answer = "sent-whole";
                for (byte b : head) {
                    try {
                        socket.getOutputStream().write(b);
                        socket.getOutputStream().flush();
                    } catch (IOException e) {
                        answer = "closed";
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        answer = "soak-ended";
                        break;
                    }
                    Thread.sleep(500);
                }
                count("headers", answer);
            } catch (IOException e) {
                count("headers", "io-error");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * No key, and a chunked body streamed as fast as it goes: answered 401 from the headers, then the connection
     * should be closed shortly after, not drained for as long as the client sends.
     */
    private void streamer() {
        while (going()) {
            try (Socket socket = new Socket(InetAddress.getByName(HOST), port)) {
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /edit HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Type: " + EDIT.contentType()
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                long sent = 0;
                String answer = "not-closed-in-30s";
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < end) {
                    try {
                        out.write(chunk);
                        sent += chunk.length;
                    } catch (IOException e) {
                        answer = "closed-after-" + (sent >> 20 < 1024 ? "under-1GB" : "over-1GB");
                        break;
                    }
                }
                count("streamer", answer);
            } catch (IOException e) {
                count("streamer", "io-error");
            }
        }
    }

    /** A body declared and sent far over the limit, as fast as it goes. */
    private void oversized() {
        while (going()) {
            count("oversized", rawPost(200L * 1024 * 1024, 64 * 1024, 0));
        }
    }

    /** Sends {@code length} bytes of a multipart body in pieces until the server answers; returns its status. */
    private String rawPost(long length, int piece, long pauseMillis) {
        try (Socket socket = new Socket(InetAddress.getByName(HOST), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /edit HTTP/1.1\r\nHost: " + HOST + "\r\nApi-Key: " + key + "\r\nContent-Type: "
                    + EDIT.contentType() + "\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[piece];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (long at = 0; at < length && System.nanoTime() < end && in.available() == 0; at += piece) {
                try {
                    out.write(chunk);
                    out.flush();
                } catch (IOException e) {
                    break; // the server hung up: read what it said
                }
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            byte[] head = in.readNBytes(12);
            return head.length == 12 ? new String(head, 9, 3, StandardCharsets.US_ASCII) : "closed";
        } catch (IOException e) {
            return "io-error";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Resident memory and open files of the server process, from /proc. */
    private static String process(long pid) throws IOException {
        String rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
        long files;
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            files = fds.count();
        }
        return rss + ", open files " + files;
    }
}
