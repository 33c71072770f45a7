package io.brushwork.api;

import io.brushwork.edit.Quoted;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A guard for servers run without keys ({@code --no-auth}): any web page its user visits could otherwise reach it
 * through DNS rebinding (the page's own name made to resolve to 127.0.0.1) and edit with it, or read its models.
 * Such a request carries the page's name in {@code Host}, so only names that cannot be rebound are answered: IP
 * addresses, {@code localhost} and its subdomains, and the host of {@code public-url}. With keys, a page has no key
 * to send, so the check is not needed.
 */
final class HostCheck implements Handler {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Optional<String> publicHost;

    HostCheck(Optional<String> publicUrl) {
        this.publicHost = publicUrl.map(url -> URI.create(url).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
    }

    @Override
    public void handle(Context ctx) {
        String host = hostName(ctx.header("Host"));
        if (!accepted(host)) {
            throw new ApiException(403, "this server runs without API keys (--no-auth), so it answers only requests"
                    + " addressed to localhost, an IP address or its public-url, as a guard against DNS rebinding;"
                    + " Host " + Quoted.of(host) + " is none of them: set public-url to this name, or turn keys on");
        }
    }

    /** The Host header without its port; IPv6 literals keep their brackets. */
    static String hostName(String header) {
        if (header == null) {
            return "";
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    boolean accepted(String host) {
        return IPV4.matcher(host).matches() || host.startsWith("[") || host.equals("localhost")
                || host.endsWith(".localhost") || publicHost.map(host::equals).orElse(false);
    }
}
