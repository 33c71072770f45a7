package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Arrays;

/** What a CDN or a resumed download asks of an image link, checked the same way for every image store. */
final class RangeChecks {
    private RangeChecks() {
    }

    /** Single ranges come back as 206 with exactly those bytes; one past the end is 416; others get it whole. */
    static void servesRanges(TestServer server, String url) {
        HttpResponse<byte[]> whole = server.get(url);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        byte[] png = whole.body();
        int size = png.length;
        assertThat(size).isGreaterThan(100);

        HttpResponse<byte[]> middle = server.get(url, "Range", "bytes=10-49");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 10-49/" + size);
        assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(40);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(png, 10, 50));

        HttpResponse<byte[]> tail = server.get(url, "Range", "bytes=-16");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(png, size - 16, size));

        HttpResponse<byte[]> rest = server.get(url, "Range", "bytes=" + (size - 5) + "-");
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes " + (size - 5) + "-" + (size - 1)
                + "/" + size);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(png, size - 5, size));

        HttpResponse<byte[]> past = server.get(url, "Range", "bytes=" + size + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + size);

        HttpResponse<byte[]> several = server.get(url, "Range", "bytes=0-9,20-29");
        assertThat(several.statusCode()).as("several ranges: the whole image").isEqualTo(200);
        assertThat(several.body()).isEqualTo(png);

        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(server.get(url, "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
        HttpResponse<byte[]> changed = server.get(url, "Range", "bytes=0-9", "If-Range", "\"another\"");
        assertThat(changed.statusCode()).as("If-Range names another image: the whole one").isEqualTo(200);
        assertThat(changed.body()).isEqualTo(png);
    }
}
