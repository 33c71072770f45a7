package io.brushwork.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.auth.ApiKey;
import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.KeyCheck;
import io.brushwork.auth.NewApiKey;
import io.brushwork.config.ConfigException;
import io.brushwork.config.DatabaseUrl;
import io.brushwork.testing.MutableClock;
import io.brushwork.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything the server keeps in its database, on each database it runs on: real SQLite in a data directory and a
 * real PostgreSQL. The same calls must give the same answers on both.
 */
class StoreTest {
    private static final Instant DAY_ONE = Instant.parse("2026-11-24T23:59:59Z");

    @TempDir
    Path dir;

    /** A database of each dialect: SQLite in a data directory, or a new database on the test PostgreSQL. */
    static Stream<Arguments> databases() {
        Function<Path, DatabaseUrl> sqlite = data -> DatabaseUrl.SQLITE;
        Function<Path, DatabaseUrl> postgresql = data -> new DatabaseUrl(Optional.of(TestPostgres.newDatabaseUrl()));
        return Stream.of(Arguments.of(Dialect.SQLITE, sqlite), Arguments.of(Dialect.POSTGRESQL, postgresql));
    }

    private Database open(Dialect dialect, Function<Path, DatabaseUrl> url) {
        Database db = Database.open(dir.resolve("data"), url.apply(dir));
        assertThat(db.dialect()).isEqualTo(dialect);
        return db;
    }

    @Test
    void aPostgresqlThatCannotBeReachedIsOneLineWithTheUrlMasked() {
        String url = TestPostgres.newDatabaseUrl().replaceAll("/brushwork_\\d+\\?", "/no_such_database?")
                + "&password=s3cret";
        assertThatThrownBy(() -> Database.open(dir.resolve("data"), new DatabaseUrl(Optional.of(url))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/no_such_database?user=postgres&password=***")
                .hasMessageContaining("\"no_such_database\" does not exist")
                .hasMessageEndingWith("; check database-url")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keysAreCreatedCheckedLimitedAndRevoked(Dialect dialect, Function<Path, DatabaseUrl> url) {
        try (Database db = open(dialect, url)) {
            MutableClock clock = new MutableClock(DAY_ONE);
            ApiKeys keys = new ApiKeys(db, clock);
            NewApiKey first = keys.create("ci");
            NewApiKey second = keys.create("batch", OptionalInt.of(3));
            assertThat(second.key().id()).isGreaterThan(first.key().id());

            assertThat(keys.check(first.secret())).isInstanceOf(KeyCheck.Valid.class);
            assertThat(keys.check(first.secret() + "x")).isInstanceOf(KeyCheck.Unknown.class);
            assertThat(keys.list()).extracting(ApiKey::name).containsExactly("ci", "batch");
            assertThat(keys.list().get(1).maxInflight()).hasValue(3);

            assertThat(keys.setMaxInflight(second.key().id(), OptionalInt.empty())).isTrue();
            assertThat(keys.list().get(1).maxInflight()).isEmpty();
            assertThat(keys.setMaxInflight(9999, OptionalInt.of(1))).isFalse();

            assertThat(keys.revoke(first.key().id())).isTrue();
            clock.advance(Duration.ofMinutes(1));
            assertThat(keys.revoke(first.key().id())).as("revoking twice keeps the first time").isTrue();
            assertThat(keys.check(first.secret())).isInstanceOf(KeyCheck.Revoked.class);
            assertThat(keys.list().get(0).revokedAt()).contains(DAY_ONE);
            assertThat(keys.revoke(9999)).isFalse();

            keys.delete(second.key().id());
            assertThat(keys.list()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void usageIsSummedPerKeyAndUtcDay(Dialect dialect, Function<Path, DatabaseUrl> url) {
        try (Database db = open(dialect, url)) {
            long key = new ApiKeys(db, new MutableClock(DAY_ONE)).create("team").key().id();
            UsageLog usage = new UsageLog(db);
            usage.record(new UsageRecord("r1", key, "/edit", "V_2", "patchmatch", 2, 200, Duration.ofMillis(40),
                    DAY_ONE));
            usage.recordAll(List.of(
                    new UsageRecord("r2", key, "/edit", "V_2", null, 0, 429, Duration.ZERO, DAY_ONE.plusSeconds(1)),
                    new UsageRecord("r3", key, "/edit", "V_2", "telea", 1, 200, Duration.ofMillis(5),
                            DAY_ONE.plusSeconds(2)),
                    new UsageRecord("r4", null, "/edit", null, null, 0, 400, Duration.ZERO, DAY_ONE)));

            assertThat(usage.perKeyAndDay()).containsExactly(
                    new UsageSummary("2026-11-24", null, null, 1, 0, 0),
                    new UsageSummary("2026-11-24", key, "team", 1, 1, 2),
                    new UsageSummary("2026-11-25", key, "team", 2, 1, 1));
            assertThat(usage.forRequest("r3")).containsExactly(new UsageRecord("r3", key, "/edit", "V_2", "telea", 1,
                    200, Duration.ofMillis(5), DAY_ONE.plusSeconds(2)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusedCountsAddUpAcrossWrites(Dialect dialect, Function<Path, DatabaseUrl> url) {
        try (Database db = open(dialect, url)) {
            RefusedRequests table = new RefusedRequests(db);
            RefusedCounts counts = new RefusedCounts(table);
            UsageRecord refused = new UsageRecord("r", null, "/edit", null, null, 0, 401, Duration.ZERO, DAY_ONE);
            counts.count(refused);
            counts.count(refused);
            counts.write();
            counts.count(refused); // the same minute again: added to its row, not a second row
            counts.write();
            table.add(Map.of(new RefusedMinute(DAY_ONE.plusSeconds(60), "/edit", 401), 4L));

            assertThat(table.perDay()).containsExactly(new RefusedSummary("2026-11-24", "/edit", 401, 3),
                    new RefusedSummary("2026-11-25", "/edit", 401, 4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void imageRowsLiveUntilTheirExpiry(Dialect dialect, Function<Path, DatabaseUrl> url) throws Exception {
        try (Database db = open(dialect, url)) {
            MutableClock clock = new MutableClock(DAY_ONE);
            long key = new ApiKeys(db, clock).create("team").key().id();
            FileImageBlobs files = new FileImageBlobs(dir.resolve("images"), 1);
            ImageStore images = new ImageStore(db, files, clock, Duration.ofHours(1));
            StoredImage kept = images.put(new byte[] {1, 2, 3}, key);
            StoredImage keyless = images.put(new byte[] {4}, null);
            assertThat(images.find(kept.id())).contains(kept);

            images.delete(keyless.id());
            assertThat(images.find(keyless.id())).isEmpty();

            clock.advance(Duration.ofHours(1));
            assertThat(images.sweep()).isOne();
            assertThat(images.find(kept.id())).isEmpty();
            assertThat(Files.exists(files.file(kept.id()))).isFalse();
        }
    }

    /**
     * Replicas with files of their own: another replica's sweep removed this image's row, so only the file's age
     * tells it is expired; it goes an hour after its links would have. A fresh file stays, and so does an old one
     * whose row is still there (its link outlives today's image-ttl: the setting was lowered since).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void filesWhoseRowsAnotherReplicaSweptAreRemovedByTheirAge(Dialect dialect, Function<Path, DatabaseUrl> url)
            throws Exception {
        try (Database db = open(dialect, url)) {
            MutableClock clock = new MutableClock(Instant.now());
            FileImageBlobs files = new FileImageBlobs(dir.resolve("images"), 1);
            ImageStore images = new ImageStore(db, files, clock, Duration.ofHours(1));
            StoredImage orphan = images.put(new byte[] {1}, null);
            StoredImage fresh = images.put(new byte[] {2}, null);
            StoredImage linked = images.put(new byte[] {3}, null);
            try (var c = db.connect(); var st = c.prepareStatement("DELETE FROM images WHERE id <> ?")) {
                st.setString(1, linked.id());
                st.executeUpdate(); // what a sweep on another replica does
            }
            Files.setLastModifiedTime(files.file(linked.id()), FileTime.from(clock.instant().minus(Duration.ofDays(3))));
            Files.setLastModifiedTime(files.file(orphan.id()),
                    FileTime.from(clock.instant().minus(Duration.ofHours(2)).minusSeconds(1)));
            Files.setLastModifiedTime(files.file(fresh.id()),
                    FileTime.from(clock.instant().minus(Duration.ofHours(2)).plusSeconds(60)));

            assertThat(images.removeOrphans()).isOne();
            assertThat(Files.exists(files.file(orphan.id()))).isFalse();
            assertThat(Files.exists(files.file(fresh.id()))).as("within the hour's margin").isTrue();
            assertThat(Files.exists(files.file(linked.id()))).as("its row still links it").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyOpeningOfOneDatabaseSignsLinksWithTheSameSecret(Dialect dialect, Function<Path, DatabaseUrl> url) {
        DatabaseUrl shared = url.apply(dir);
        try (Database one = Database.open(dir.resolve("one"), shared)) {
            // SQLite's database is the data directory's own; PostgreSQL's is the URL's, whatever the directory.
            Path second = dialect == Dialect.SQLITE ? dir.resolve("one") : dir.resolve("two");
            try (Database two = Database.open(second, shared)) {
                String path = UrlSigner.fromDatabase(one).path("AAAAAAAAAAAAAAAAAAAAAA", DAY_ONE);
                String signature = path.substring(path.indexOf("signature=") + "signature=".length());
                assertThat(UrlSigner.fromDatabase(two).verify("AAAAAAAAAAAAAAAAAAAAAA", DAY_ONE.getEpochSecond(),
                        signature)).isTrue();
                assertThat(one.settingOrInsert("probe", "first")).isEqualTo("first");
                assertThat(two.settingOrInsert("probe", "second")).isEqualTo("first");
                assertThat(two.isReachable()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void oneReplicaAtATimeRunsATaskAlone(Dialect dialect, Function<Path, DatabaseUrl> url) {
        DatabaseUrl shared = url.apply(dir);
        try (Database one = Database.open(dir.resolve("one"), shared);
             Database two = Database.open(dir.resolve(dialect == Dialect.SQLITE ? "one" : "two"), shared)) {
            boolean[] inner = new boolean[1];
            assertThat(one.runAlone("sweep", () -> inner[0] = two.runAlone("sweep", () -> { }))).isTrue();
            assertThat(inner[0]).as(dialect == Dialect.SQLITE ? "one server per SQLite database: nobody to wait for"
                    : "the other replica skips its turn while the first sweeps").isEqualTo(dialect == Dialect.SQLITE);
            assertThat(two.runAlone("sweep", () -> { })).as("free again once the first is done").isTrue();
            assertThat(one.runAlone("sweep", () -> inner[0] = two.runAlone("other task", () -> { }))).isTrue();
            assertThat(inner[0]).as("another task is another lock").isTrue();
        }
    }
}
