package io.brushwork.engine.remote;

import java.net.URI;
import java.util.Locale;

/** Base URLs as operators write them: with or without a trailing slash, possibly under a path prefix. */
final class BaseUrls {
    private BaseUrls() {
    }

    /** Checks that the URL is http(s) with a host, so a typo fails at startup rather than on the first edit. */
    static URI check(URI baseUrl, String what) {
        if (baseUrl == null) {
            throw new IllegalArgumentException(what + " base URL is missing");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(what + " base URL must be an http or https URL, got " + baseUrl);
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " base URL must not have user info, a query or a fragment");
        }
        return baseUrl;
    }

    /** {@code base + path}; {@code stripSuffix} (such as {@code /v1}) is dropped from the base first if present. */
    static URI resolve(URI base, String stripSuffix, String path) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!stripSuffix.isEmpty() && prefix.endsWith(stripSuffix)) {
            prefix = prefix.substring(0, prefix.length() - stripSuffix.length());
        }
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + prefix + path);
    }
}
