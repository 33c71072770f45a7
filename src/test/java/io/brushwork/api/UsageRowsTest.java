package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.auth.NewApiKey;
import io.brushwork.store.RefusedSummary;
import io.brushwork.store.UsageRecord;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TableOutage;
import io.brushwork.testing.TableRows;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real server writes to its usage table: a row per edit, which waits when the database fails for a while,
 * and a count, not a row, per request refused before any key was known.
 */
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

    /**
     * A client with no key (or an unknown or revoked one) gets 401 each time, and the server counts those requests
     * instead of writing a row for each; the counts add up to the requests once flushed.
     */
    @Test
    void requestsRefusedBeforeAnyKeyAreCountedNotWrittenARowEach() {
        try (TestServer server = TestServer.builder(data).start()) {
            NewApiKey revoked = server.app.keys().create("gone");
            server.app.keys().revoke(revoked.key().id());
            int keyless = 12;
            for (int i = 0; i < keyless; i++) {
                assertThat(server.post(i % 2 == 0 ? "/edit" : "/ideogram/edit", edit()).statusCode()).isEqualTo(401);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(server.post("/edit", edit(), "Api-Key", "bw_not-a-key").statusCode()).isEqualTo(401);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(server.post("/ideogram/edit", edit(), "Authorization", "Bearer " + revoked.secret())
                        .statusCode()).isEqualTo(401);
            }
            HttpResponse<byte[]> keyed = server.edit(edit());
            assertThat(keyed.statusCode()).isEqualTo(200);

            assertThat(TableRows.count(server.app.database(), "usage", "TRUE")).as("only the keyed edit's row")
                    .isOne();
            assertThat(server.app.usage().forRequest(requestId(keyed))).hasSize(1);
            server.app.usageRecorder().flush();
            assertThat(server.app.refusedRequests().perDay()).containsExactly(
                    new RefusedSummary("2026-11-24", "/edit", 401, keyless / 2 + 5),
                    new RefusedSummary("2026-11-24", "/ideogram/edit", 401, keyless / 2 + 3));
        }
    }

    /** With --no-auth no request has a key and every one is a real edit: one row each, no counts. */
    @Test
    void withoutAuthEveryRequestKeepsItsRow() {
        try (TestServer server = TestServer.builder(data).set("auth", "false").start()) {
            int edits = 4;
            for (int i = 0; i < edits; i++) {
                assertThat(server.post("/edit", edit()).statusCode()).isEqualTo(200);
            }
            assertThat(server.post("/edit", edit().text("seed", "nope")).statusCode()).isEqualTo(400);
            server.app.usageRecorder().flush();
            assertThat(TableRows.count(server.app.database(), "usage", "key_id IS NULL")).isEqualTo(edits + 1);
            assertThat(server.app.refusedRequests().perDay()).isEmpty();
        }
    }
}
