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

    /** The most private of the host's addresses; a name that does not resolve is refused as if private. */
    static Reach reach(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Reach.PRIVATE;
        }
        Reach most = Reach.PUBLIC;
        for (InetAddress address : addresses) {
            Reach reach = reach(embeddedIpv4(address));
            if (reach.compareTo(most) > 0) {
                most = reach;
            }
        }
        return most;
    }

    private static Reach reach(InetAddress address) {
        byte[] b = address.getAddress();
        boolean sharedNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
        return address.isLinkLocalAddress() ? Reach.LINK_LOCAL
                : address.isLoopbackAddress() || address.isAnyLocalAddress() ? Reach.LOOPBACK
                : address.isSiteLocalAddress() || isUniqueLocal(address) || sharedNat ? Reach.PRIVATE
                : Reach.PUBLIC;
    }

    /**
     * The IPv4 address an IPv6 one carries, where it carries one: NAT64's 64:ff9b::/96 and the old IPv4-compatible
     * ::/96 reach the IPv4 address they embed, so they are judged as it is.
     */
    private static InetAddress embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return address;
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        boolean compatible = true;
        for (int i = 4; i < 12; i++) {
            nat64 &= b[i] == 0;
        }
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        if (!nat64 && !compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return address; // four bytes are always an address
        }
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
