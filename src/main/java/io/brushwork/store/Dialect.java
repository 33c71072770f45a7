package io.brushwork.store;

/**
 * The two databases Brushwork runs on, and the little SQL they disagree on. Everything else is written once, in
 * SQL both take.
 */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /**
     * Flyway's migrations for this database: one folder per dialect, because they disagree on identity columns
     * ({@code INTEGER PRIMARY KEY AUTOINCREMENT} against {@code GENERATED ... AS IDENTITY}) and existing SQLite
     * databases must keep migrating: their V1 to V3 are the files they always were, byte for byte, so Flyway's
     * checksums still match. The PostgreSQL folder has the same versions with the same tables and columns.
     */
    String migrations() {
        return "classpath:db/migration/" + folder;
    }

    /** The UTC day (YYYY-MM-DD) of a column of epoch milliseconds. */
    String utcDay(String epochMillis) {
        return switch (this) {
            case SQLITE -> "date(" + epochMillis + " / 1000, 'unixepoch')";
            case POSTGRESQL -> "to_char(to_timestamp(" + epochMillis + " / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
        };
    }
}
