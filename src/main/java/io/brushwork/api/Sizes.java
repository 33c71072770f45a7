package io.brushwork.api;

import java.time.Duration;
import java.util.Locale;

/** Byte counts and durations as people read them in error messages: 25 MB, 310 KB, 12 bytes; 5 minutes. */
final class Sizes {
    private Sizes() {
    }

    static String describe(long bytes) {
        if (bytes >= 1024L * 1024) {
            return trim(bytes / (1024.0 * 1024)) + " MB";
        }
        if (bytes >= 1024) {
            return trim(bytes / 1024.0) + " KB";
        }
        return bytes + " bytes";
    }

    static String describe(Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) {
            return plural(d.toDays(), "day");
        }
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) {
            return plural(d.toHours(), "hour");
        }
        if (d.toMinutes() > 0 && d.toSeconds() % 60 == 0) {
            return plural(d.toMinutes(), "minute");
        }
        return plural(d.toSeconds(), "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
