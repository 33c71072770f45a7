package io.brushwork.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.KeyCheck;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.store.Database;
import io.brushwork.store.RefusedRequests;
import io.brushwork.store.UsageLog;
import io.brushwork.store.UsageRecord;
import io.brushwork.store.UsageRecorder;
import io.brushwork.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them, through picocli, against a real data directory. */
class CliTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cli = Main.commandLine();
            cli.setErr(new java.io.PrintWriter(System.err, true));
            int status = cli.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void keysCreateListRevoke() {
        String data = dir.resolve("data").toString();
        Run created = run("keys", "create", "--name", "ci bot", "--data", data);
        assertThat(created.status()).isZero();
        String secret = created.lines().get(created.lines().size() - 1);
        assertThat(secret).startsWith("bw_").hasSizeGreaterThan(40);

        ApiKeys keys = new ApiKeys(Database.open(Path.of(data)), Clock.systemUTC());
        assertThat(keys.check(secret)).isInstanceOf(KeyCheck.Valid.class);

        Run list = run("keys", "list", "--data", data);
        assertThat(list.out()).contains("ci bot").contains("active").doesNotContain(secret);

        long id = keys.check(secret).validKey().orElseThrow().id();
        assertThat(run("keys", "update", String.valueOf(id), "--max-inflight", "4", "--data", data).status()).isZero();
        assertThat(keys.check(secret).validKey().orElseThrow().maxInflight()).hasValue(4);
        assertThat(run("keys", "list", "--data", data).out()).containsPattern("ci bot\\s+bw_\\S+\\s+\\S+\\s+4\\s");
        assertThat(run("keys", "update", String.valueOf(id), "--default-inflight", "--data", data).status()).isZero();
        assertThat(keys.check(secret).validKey().orElseThrow().maxInflight()).isEmpty();
        assertThat(run("keys", "update", String.valueOf(id), "--data", data).status()).isEqualTo(2);
        assertThat(run("keys", "revoke", String.valueOf(id), "--data", data).status()).isZero();
        assertThat(keys.check(secret)).isInstanceOf(KeyCheck.Revoked.class);
        assertThat(run("keys", "list", "--data", data).out()).contains("revoked");

        Run unknown = run("keys", "revoke", "999", "--data", data);
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("no key with id 999");
    }

    @Test
    void editWritesOnePngPerSeed() throws Exception {
        ArgbImage photo = TestImages.photo(60, 40);
        Path image = dir.resolve("photo.png");
        Path mask = dir.resolve("mask.png");
        Files.write(image, TestImages.png(photo));
        Files.write(mask, TestImages.png(TestImages.mask(60, 40, 20, 10, 4, 20)));
        Path out = dir.resolve("out");

        Run run = run("edit", "--image", image.toString(), "--mask", mask.toString(), "--seed", "41",
                "--num-images", "2", "--model", "V_2_TURBO", "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(out.resolve("photo-edit-41.png").toString(),
                out.resolve("photo-edit-42.png").toString());
        ArgbImage result = new ImageDecoder(1_000_000).decode(Files.readAllBytes(out.resolve("photo-edit-41.png")));
        assertThat(result.width()).isEqualTo(60);

        Run bad = run("edit", "--image", image.toString(), "--mask", mask.toString(), "--style-type", "OIL");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("style_type must be one of");
    }

    @Test
    void editRefusalsAreOneLineAndLeaveNothingBehind() throws Exception {
        Path image = dir.resolve("photo.png");
        Path mask = dir.resolve("mask.png");
        Files.write(image, TestImages.png(TestImages.photo(60, 40)));
        Files.write(mask, TestImages.png(TestImages.mask(60, 40, 20, 10, 4, 20)));
        Path out = dir.resolve("out");
        Path data = dir.resolve("data");

        Run unsafe = run("edit", "--image", image.toString(), "--mask", mask.toString(), "--prompt", "csam",
                "--data", data.toString(), "--out", out.toString());
        assertThat(unsafe.status()).isEqualTo(2);
        assertThat(unsafe.err()).contains("error: Prompt provided failed safety check").doesNotContain("\tat ");
        assertThat(out).as("no image, so no output directory").doesNotExist();
        assertThat(data).as("a local edit opens no database").doesNotExist();

        Path config = Files.writeString(dir.resolve("broken.yaml"), String.join("\n",
                "backends:",
                "  broken: {type: onnx, model: '" + dir.resolve("missing.onnx") + "'}",
                "models:",
                "  BROKEN: {backend: broken, preset: default}",
                ""));
        Run down = run("edit", "--image", image.toString(), "--mask", mask.toString(), "--model", "broken",
                "--config", config.toString(), "--out", out.toString());
        assertThat(down.status()).isEqualTo(1);
        assertThat(down.err()).contains("error: the model's backend could not make the image")
                .doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    /** A port in use is one line and status 2, and no first key was made for a server that never listened. */
    @Test
    void servingOnAPortInUseSaysSoAndMakesNoKey() throws Exception {
        Path data = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("serve", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()),
                    "--data", data.toString());
            assertThat(run.status()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("error: port " + taken.getLocalPort() + " is in use on 127.0.0.1; try"
                    + " --port " + (taken.getLocalPort() + 1) + ", or --port 0").doesNotContain("\tat ");
            assertThat(run.out()).doesNotContain("Created the first API key");
        }
        assertThat(data.resolve(FirstKey.FILE)).doesNotExist();
        assertThat(new ApiKeys(Database.open(data), Clock.systemUTC()).isEmpty()).isTrue();
    }

    @Test
    void aKeyIsNamedByItsIdAndAnythingElseSaysWhatAnIdIs() {
        Run run = run("keys", "revoke", "alice", "--data", dir.resolve("data").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("a key's id is its number, as `keys list` shows it").contains("'alice'");
    }

    @Test
    void maskCommandDrawsBlackRectangles() throws Exception {
        Path image = dir.resolve("photo.png");
        Files.write(image, TestImages.png(TestImages.photo(20, 10)));
        Path mask = dir.resolve("mask.png");
        assertThat(run("mask", "--like", image.toString(), "--rect", "2,3,4,5", "--out", mask.toString()).status())
                .isZero();
        ArgbImage m = new ImageDecoder(1000).decode(Files.readAllBytes(mask));
        assertThat(io.brushwork.image.Mask.fromImage(m).holeCount()).isEqualTo(20);
    }

    @Test
    void usageSumsRequestsAndImagesPerKeyAndDay() {
        Path data = dir.resolve("data");
        Database db = Database.open(data);
        long key = new ApiKeys(db, Clock.systemUTC()).create("team").key().id();
        UsageLog usage = new UsageLog(db);
        Instant day = Instant.parse("2026-11-20T10:00:00Z");
        usage.record(new UsageRecord("r1", key, "/edit", "V_2", "telea", 3, 200, Duration.ofMillis(5), day));
        usage.record(new UsageRecord("r2", key, "/edit", "V_2", "telea", 0, 400, Duration.ofMillis(1), day));
        usage.record(new UsageRecord("r3", null, "/edit", null, null, 0, 401, Duration.ofMillis(1), day));
        // Refused before any key on a server that requires keys: counted, not rows.
        try (UsageRecorder recorder = new UsageRecorder(usage, new RefusedRequests(db), true)) {
            for (int i = 0; i < 3; i++) {
                recorder.record(new UsageRecord("k" + i, null, "/ideogram/edit", null, null, 0, 401, Duration.ZERO,
                        day.plusSeconds(90 * i)));
            }
        }

        Run run = run("usage", "--data", data.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("2026-11-20\\s+" + key + " team\\s+2\\s+1\\s+3")
                .containsPattern("2026-11-20\\s+\\(no key\\)\\s+1\\s+0\\s+0")
                .contains("Refused before any key was known")
                .containsPattern("2026-11-20\\s+/ideogram/edit\\s+401\\s+3");
    }

    @Test
    void badConfigurationIsOneLineAndStatus2() {
        Run run = run("keys", "list", "--data", dir.toString(), "--config", dir.resolve("missing.yaml").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: cannot read config file");
    }
}
