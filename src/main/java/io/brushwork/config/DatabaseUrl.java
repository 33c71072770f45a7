package io.brushwork.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code database-url} setting: empty for the embedded SQLite in the data directory (nothing to set up), or a
 * {@code jdbc:postgresql:} URL for a PostgreSQL that several replicas share. The URL may carry a password, so it is
 * shown only {@link #masked()}: {@code toString} masks it too, so that no log line or message can print it.
 */
public record DatabaseUrl(Optional<String> postgresql) {
    public static final DatabaseUrl SQLITE = new DatabaseUrl(Optional.empty());
    private static final String POSTGRESQL = "jdbc:postgresql:";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern PASSWORD_IN_AUTHORITY = Pattern.compile("(//[^/@:]*:)[^/@]*(?=@)");

    static DatabaseUrl from(ConfigValues v, String key) {
        String url = v.text(key).orElse("");
        if (url.isEmpty()) {
            return SQLITE;
        }
        if (!url.startsWith(POSTGRESQL)) {
            throw new ConfigException(key + " from " + v.origin(key) + " is '" + mask(url) + "'; expected empty"
                    + " (SQLite in the data directory) or jdbc:postgresql://host:port/database?user=...&password=...");
        }
        return new DatabaseUrl(Optional.of(url));
    }

    /** The URL with any password replaced by {@code ***}, for logs and messages. */
    public String masked() {
        return postgresql.map(DatabaseUrl::mask).orElse("SQLite in the data directory");
    }

    static String mask(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return PASSWORD_IN_AUTHORITY.matcher(masked).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return masked();
    }
}
