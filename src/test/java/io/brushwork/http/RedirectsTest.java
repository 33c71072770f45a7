package io.brushwork.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which redirects a result download follows. Literal addresses only: nothing here resolves names or connects. */
class RedirectsTest {
    private static String refusal(String from, String to) {
        return Redirects.refusal(URI.create(from), URI.create(to)).orElse("followed");
    }

    @Test
    void staysWithinItsNetworkOrGoesPublic() {
        assertThat(refusal("http://127.0.0.1:9000/a.png", "http://127.0.0.1:9001/b.png")).isEqualTo("followed");
        assertThat(refusal("https://93.184.216.34/a.png", "https://93.184.216.35/b.png")).isEqualTo("followed");
        assertThat(refusal("http://10.0.0.5/a.png", "http://10.0.0.6/b.png")).isEqualTo("followed");
        assertThat(refusal("http://10.0.0.5/a.png", "https://93.184.216.34/b.png")).isEqualTo("followed");
        assertThat(refusal("http://[::1]:9000/a.png", "http://[::1]:9000/b.png")).isEqualTo("followed");
    }

    @Test
    void neverIntoAMorePrivateNetworkNorDownToPlainHttp() {
        assertThat(refusal("https://93.184.216.34/a.png", "http://93.184.216.34/a.png"))
                .isEqualTo("it redirects from https to plain http");
        assertThat(refusal("http://93.184.216.34/a.png", "http://192.168.1.10/admin"))
                .isEqualTo("it redirects into a private address");
        assertThat(refusal("http://93.184.216.34/a.png", "http://[fd00::1]/admin"))
                .isEqualTo("it redirects into a private address");
        assertThat(refusal("http://93.184.216.34/a.png", "http://127.0.0.1:8080/v1/models"))
                .isEqualTo("it redirects into a loopback address");
        assertThat(refusal("http://127.0.0.1:9000/a.png", "http://169.254.169.254/latest/meta-data/"))
                .as("a cloud's metadata service, even from a local provider")
                .isEqualTo("it redirects into a link-local address");
        assertThat(refusal("http://93.184.216.34/a.png", "http://100.100.100.200/latest/meta-data/"))
                .as("shared address space (a cloud's metadata service lives there)")
                .isEqualTo("it redirects into a private address");
        assertThat(refusal("http://93.184.216.34/a.png", "http://[64:ff9b::a9fe:a9fe]/"))
                .as("NAT64 to 169.254.169.254").isEqualTo("it redirects into a link-local address");
        assertThat(refusal("http://93.184.216.34/a.png", "http://[::169.254.169.254]/"))
                .as("IPv4-compatible IPv6").isEqualTo("it redirects into a link-local address");
        assertThat(refusal("http://93.184.216.34/a.png", "http://[::ffff:127.0.0.1]/"))
                .as("IPv4-mapped IPv6").isEqualTo("it redirects into a loopback address");
        assertThat(refusal("http://93.184.216.34/a.png", "http://0.0.0.0:8080/"))
                .isEqualTo("it redirects into a loopback address");
        assertThat(refusal("http://127.0.0.1:9000/a.png", "file:///etc/passwd"))
                .isEqualTo("it redirects to something other than an http(s) URL");
    }
}
