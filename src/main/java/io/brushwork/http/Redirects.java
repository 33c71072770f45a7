package io.brushwork.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a followed redirect may lead. A provider's result link is followed for the image it names, so a redirect
 * must not turn that into a request the server would never make on its own: from https down to http (the image
 * could be swapped on the way), or into a more private network than the link started in (a public link sending the
 * server to a machine on its own LAN, or anything sending it to a link-local address such as a cloud's metadata
 * service). A self-hosted provider's links stay in its own network, so they keep working.
 */
public final class Redirects {

    /** How private an address is; a redirect may go to public, or stay where it started. */
    enum Reach { PUBLIC, PRIVATE, LOOPBACK, LINK_LOCAL }

    private Redirects() {
    }

    /** Why the redirect from {@code from} to {@code to} must not be followed; empty when it may be. */
    public static Optional<String> refusal(URI from, URI to) {
        String fromScheme = scheme(from);
        String toScheme = scheme(to);
        if (!toScheme.equals("http") && !toScheme.equals("https") || to.getHost() == null) {
            return Optional.of("it redirects to something other than an http(s) URL");
        }
        if (fromScheme.equals("https") && toScheme.equals("http")) {
            return Optional.of("it redirects from https to plain http");
        }
        Reach target = reach(to.getHost());
        if (target != Reach.PUBLIC && target != reach(from.getHost())) {
            return Optional.of("it redirects into a " + target.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " address");
        }
        return Optional.empty();
    }

    /** The most private of the host's addresses; a name that does not resolve is public (its request will fail). */
    static Reach reach(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Reach.PUBLIC;
        }
        Reach most = Reach.PUBLIC;
        for (InetAddress address : addresses) {
            Reach reach = address.isLinkLocalAddress() ? Reach.LINK_LOCAL
                    : address.isLoopbackAddress() || address.isAnyLocalAddress() ? Reach.LOOPBACK
                    : address.isSiteLocalAddress() || isUniqueLocal(address) ? Reach.PRIVATE
                    : Reach.PUBLIC;
            if (reach.compareTo(most) > 0) {
                most = reach;
            }
        }
        return most;
    }

    /** IPv6's private range, fc00::/7, which {@link InetAddress#isSiteLocalAddress()} does not cover. */
    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }
}
