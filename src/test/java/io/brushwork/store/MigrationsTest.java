package io.brushwork.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A user's SQLite database, migrated before the migrations had a folder per dialect, keeps migrating. */
class MigrationsTest {
    private static final List<String> BEFORE_POSTGRESQL = List.of("V1__keys_images_usage.sql",
            "V2__key_inflight_limit.sql", "V3__refused_requests.sql");
    /** Flyway's checksums of V1 to V3 as users' databases recorded them (commit 3cbb6e9 and before). */
    private static final Map<String, Integer> RECORDED = Map.of("1", 1645991051, "2", -858753003, "3", -777646586);

    @Test
    void sqlitesMigrationsAreTheFilesUsersDatabasesRecorded() throws Exception {
        try (Database db = Database.open(dir.resolve("data"));
             Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum FROM flyway_schema_history")) {
            Map<String, Integer> checksums = new HashMap<>();
            while (rs.next()) {
                checksums.put(rs.getString(1), rs.getInt(2));
            }
            assertThat(checksums).isEqualTo(RECORDED);
        }
    }

    @TempDir
    Path dir;

    @Test
    void anExistingSqliteDatabaseOpensWithItsChecksumsUnchanged() throws IOException {
        // The files as they were laid out then (db/migration/V*.sql), from the same bytes the jar ships now.
        Path old = Files.createDirectories(dir.resolve("old"));
        for (String name : BEFORE_POSTGRESQL) {
            try (InputStream in = getClass().getResourceAsStream("/db/migration/sqlite/" + name)) {
                Files.copy(in, old.resolve(name));
            }
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + data.resolve("brushwork.db"));
        Flyway.configure().dataSource(ds).locations("filesystem:" + old).load().migrate();

        try (Database db = Database.open(data)) { // Flyway validates every applied checksum first
            assertThat(db.settingOrInsert("probe", "ok")).isEqualTo("ok");
        }
    }
}
