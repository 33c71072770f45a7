package io.brushwork.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps the server's file paths out of what clients read: a backend's reason for being out ("cannot load ONNX model
 * 'lama' from /srv/models/lama.onnx: ...") is shown on {@code /readyz} and {@code /v1/models} with the file's name
 * only. The whole path is in the server's log for its operator.
 */
final class ServerPaths {
    /** An absolute path of two or more segments, not part of a URL or a word. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w.:/])/(?:[^\\s/'\":,;()]+/)+([^\\s/'\":,;()]+)");

    private ServerPaths() {
    }

    static String hide(String text) {
        return PATH.matcher(text).replaceAll(".../$1");
    }

    /** Each value with its paths hidden, in the same order. */
    static Map<String, String> hide(Map<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((key, value) -> shown.put(key, hide(value)));
        return shown;
    }
}
