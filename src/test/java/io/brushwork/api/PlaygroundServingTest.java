package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the playground's files are served: without a key, with a policy that lets the page reach nothing but this
 * server, cached for good by version and revalidated otherwise. What the page does is {@code PlaygroundBrowserTest}'s.
 */
class PlaygroundServingTest {
    private static final Pattern ASSET = Pattern.compile("\"(/playground/[\\w.]+)\\?v=([0-9a-f]{16})\"");

    @TempDir
    Path data;

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    @Test
    void thePageLoadsWithoutAKeyAndMayReachOnlyThisServer() {
        try (TestServer server = TestServer.builder(data).start()) {
            HttpResponse<byte[]> page = server.get(server.base() + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(header(page, "Content-Type")).startsWith("text/html").containsIgnoringCase("charset=utf-8");
            assertThat(text(page)).contains("data-auth=\"key\"").contains("id=\"api-key\"");
            assertThat(header(page, "Content-Security-Policy"))
                    .contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                            "img-src 'self' blob: data:;", "connect-src 'self';", "frame-ancestors 'none'")
                    .doesNotContain("unsafe");
            assertThat(header(page, "Cache-Control")).isEqualTo("no-cache");
            assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");

            String etag = header(page, "ETag");
            assertThat(server.get(server.base() + "/", "If-None-Match", etag).statusCode()).isEqualTo(304);
            HttpResponse<byte[]> head = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(header(head, "ETag")).isEqualTo(etag);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void everyLinkedFileIsCachedForGoodByItsVersionAndRevalidatedWithout() {
        try (TestServer server = TestServer.builder(data).start()) {
            List<String> linked = new ArrayList<>();
            Matcher m = ASSET.matcher(text(server.get(server.base() + "/")));
            while (m.find()) {
                String url = server.base() + m.group(1);
                linked.add(m.group(1));
                HttpResponse<byte[]> asset = server.get(url + "?v=" + m.group(2));
                assertThat(asset.statusCode()).as(url).isEqualTo(200);
                assertThat(asset.body()).as(url).isNotEmpty();
                assertThat(header(asset, "Cache-Control")).as(url).isEqualTo("public, max-age=31536000, immutable");
                assertThat(header(asset, "ETag")).as(url).isEqualTo("\"" + m.group(2) + "\"");
                assertThat(header(server.get(url), "Cache-Control")).as(url + " without its version")
                        .isEqualTo("no-cache");
                assertThat(header(server.get(url + "?v=0000000000000000"), "Cache-Control"))
                        .as(url + " at another version").isEqualTo("no-cache");
            }
            assertThat(linked).containsExactlyInAnyOrder(
                    "/playground/icon.svg", "/playground/playground.css", "/playground/playground.js");
            assertThat(header(server.get(server.base() + "/playground/playground.js"), "Content-Type"))
                    .startsWith("text/javascript");
            assertThat(header(server.get(server.base() + "/playground/playground.css"), "Content-Type"))
                    .startsWith("text/css");

            HttpResponse<byte[]> missing = server.get(server.base() + "/playground/secrets.txt");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(TestServer.json(missing).get("error").asText()).contains("secrets.txt");
            assertThat(server.get(server.base() + "/playground/..%2Findex.html").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aServerWithoutKeysSaysSoAndAPublicUrlMayServeResults() {
        try (TestServer server = TestServer.builder(data).set("auth", "false")
                .set("public-url", "https://images.example.test/brushwork").start()) {
            HttpResponse<byte[]> page = server.get(server.base() + "/");
            assertThat(text(page)).contains("data-auth=\"none\"");
            assertThat(header(page, "Content-Security-Policy"))
                    .contains("img-src 'self' blob: data: https://images.example.test;")
                    .contains("connect-src 'self' https://images.example.test;");
        }
    }
}
