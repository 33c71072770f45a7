package io.brushwork.api;

import java.util.Locale;

/** Byte counts as people read them in error messages: 25 MB, 310 KB, 12 bytes. */
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

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
