package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.store.UsageRecord;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TableOutage;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real server writes to its usage table when the database fails for a while. */
class UsageRowsTest {
    @TempDir
    Path data;

    private static Multipart edit() {
        return new Multipart()
                .file("image_file", TestImages.png(TestImages.photo(40, 30)))
                .file("mask", TestImages.png(TestImages.mask(40, 30, 10, 10, 4, 4)));
    }

    private static String requestId(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    /**
     * The client got its image, so it is told so; the row the database refused waits and is written once the
     * database works again, with the request's own id and time, without a restart.
     */
    @Test
    void anEditWhoseRowTheDatabaseRefusesIsAnsweredAndItsRowWrittenLater() {
        try (TestServer server = TestServer.builder(data).start()) {
            Instant answeredAt = server.clock.instant();
            HttpResponse<byte[]> ok;
            try (TableOutage outage = TableOutage.refuseInserts(server.app.database(), "usage")) {
                ok = server.edit(edit());
                assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(200);
                assertThat(server.get(TestServer.json(ok).get("data").get(0).get("url").asText()).statusCode())
                        .as("its link works").isEqualTo(200);
                assertThat(server.app.usage().forRequest(requestId(ok))).isEmpty();
                assertThat(server.app.usageRecorder().waiting()).isOne();
            }
            server.clock.advance(Duration.ofMinutes(5));
            server.app.usageRecorder().flush();

            assertThat(server.app.usage().forRequest(requestId(ok))).singleElement().satisfies(row -> {
                assertThat(row.status()).isEqualTo(200);
                assertThat(row.images()).isOne();
                assertThat(row.keyId()).isNotNull();
                assertThat(row.at()).as("when it happened, not when it was written").isEqualTo(answeredAt);
            });
            assertThat(server.app.usageRecorder().waiting()).isZero();
        }
    }

    /** A failed edit's row waits too, and the client gets the edit's own failure. */
    @Test
    void aFailedEditsRowWaitsAndTheClientGetsItsOwnError() {
        try (TestServer server = TestServer.builder(data).start()) {
            HttpResponse<byte[]> bad;
            try (TableOutage outage = TableOutage.refuseInserts(server.app.database(), "usage")) {
                bad = server.edit(edit().text("seed", "nope"));
                assertThat(bad.statusCode()).isEqualTo(400);
            }
            HttpResponse<byte[]> next = server.edit(edit());
            assertThat(server.app.usage().forRequest(requestId(bad))).extracting(UsageRecord::status)
                    .containsExactly(400);
            assertThat(server.app.usage().forRequest(requestId(next))).extracting(UsageRecord::status)
                    .containsExactly(200);
        }
    }
}
