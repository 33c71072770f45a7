package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} against the real server: what it counts after real requests, and what it never shows. */
class MetricsTest {
    @TempDir
    Path data;

    private static Multipart form(String prompt) {
        return new Multipart().file("image_file", TestImages.png(TestImages.photo(40, 30)))
                .file("mask", TestImages.png(TestImages.mask(40, 30, 10, 10, 6, 6)))
                .text("prompt", prompt).text("num_images", "2");
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The value of the one sample whose line starts with {@code series}; fails if there is none. */
    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("a sample " + series + " in\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void editsRequestsStagesAndTheJvmAreCountedWithoutKeysOrPrompts() {
        try (TestServer server = TestServer.builder(data).start()) {
            HttpResponse<byte[]> edited = server.edit(form("a secret garden prompt"));
            assertThat(edited.statusCode()).isEqualTo(200);
            String url = TestServer.json(edited).get("data").get(0).get("url").asText();
            assertThat(server.get(url).statusCode()).isEqualTo(200);
            assertThat(server.post("/ideogram/edit", form("x"), "Authorization", "Bearer wrong").statusCode())
                    .isEqualTo(401);

            HttpResponse<byte[]> metrics = server.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/plain; version=0.0.4"));
            String scrape = text(metrics);
            assertThat(sample(scrape, "brushwork_edits_seconds_count{model=\"V_2\",route=\"/ideogram/edit\","
                    + "status=\"200\"}")).isEqualTo(1);
            assertThat(sample(scrape, "brushwork_edits_seconds_count{model=\"none\",route=\"/ideogram/edit\","
                    + "status=\"401\"}")).isEqualTo(1);
            assertThat(sample(scrape, "brushwork_images_made_total{model=\"V_2\"}")).isEqualTo(2);
            assertThat(sample(scrape, "brushwork_edit_stage_seconds_count{stage=\"engine\"}")).isEqualTo(1);
            assertThat(sample(scrape, "brushwork_http_requests_seconds_count{method=\"GET\","
                    + "route=\"/images/{file}\",status=\"200\"}")).isEqualTo(1);
            assertThat(sample(scrape, "brushwork_backend_calls_seconds_count{backend=\"patchmatch\",outcome=\"ok\"}"))
                    .as("one call per image").isEqualTo(2);
            assertThat(sample(scrape, "brushwork_memory_used_bytes")).isZero();
            assertThat(sample(scrape, "brushwork_model_ready{model=\"V_2\"}")).isOne();
            assertThat(sample(scrape, "brushwork_edits_running")).isZero();
            assertThat(scrape).contains("jvm_memory_used_bytes").contains("process_uptime_seconds")
                    .contains("brushwork_edits_seconds_bucket{model=\"V_2\",route=\"/ideogram/edit\",status=\"200\","
                            + "le=\"0.1\"}");
            String id = url.replaceAll(".*/images/([^.]+)\\.png.*", "$1");
            assertThat(scrape).doesNotContain(server.key).doesNotContain("secret garden").doesNotContain(id)
                    .doesNotContain("wrong");
        }
    }

    @Test
    void aMetricsTokenIsRequiredWhenSet() {
        try (TestServer server = TestServer.builder(data).set("metrics-token", "s3cret-scrape").start()) {
            assertThat(server.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(text(server.get("/metrics"))).contains("metrics-token");
            assertThat(server.get("/metrics", "Authorization", "Bearer nope").statusCode()).isEqualTo(401);
            assertThat(server.get("/metrics", "Authorization", "Bearer " + server.key).statusCode())
                    .as("an API key is not the metrics token").isEqualTo(401);
            HttpResponse<byte[]> ok = server.get("/metrics", "Authorization", "Bearer s3cret-scrape");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(Arrays.asList(text(ok).split("\n"))).anyMatch(line -> line.startsWith("jvm_threads_live"));
        }
    }

    /**
     * The README is the operator's list of meters: every {@code brushwork_*} name its Metrics table gives is in the
     * scrape of a server that has made one edit on a routed model, so an alert written from the README finds it.
     */
    @Test
    void everyMeterTheReadmeListsIsInTheScrape() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### Metrics"), readme.indexOf("A routed model's counters"));
        Set<String> listed = new TreeSet<>();
        Matcher names = Pattern.compile("`(brushwork_[a-z_]+)`").matcher(table);
        while (names.find()) {
            listed.add(names.group(1));
        }
        assertThat(listed).hasSizeGreaterThan(15);

        Path config = data.resolve("routed.yaml");
        Files.writeString(config, String.join("\n", "models:", "  ROUTED:", "    route:",
                "      - {backend: patchmatch, preset: fast}", "      - {backend: telea, preset: fast, tier: 2}", ""));
        try (TestServer server = TestServer.builder(data.resolve("server")).config(config).start()) {
            assertThat(server.edit(form("a wall").text("model", "ROUTED")).statusCode()).isEqualTo(200);
            String scrape = text(server.get("/metrics"));
            assertThat(listed).allSatisfy(name -> assertThat(scrape).as(name)
                    .containsPattern("(?m)^" + name + "(_count|_bucket)?[{ ]"));
        }
    }
}
