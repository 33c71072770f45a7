package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server without keys answers only Host names that DNS rebinding cannot take over; a server with keys answers any
 * name, since a rebinding page has no key to send.
 */
class HostCheckTest {
    @TempDir
    Path data;

    private static String get(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withoutKeysOnlyLocalNamesAddressesAndThePublicUrlAreAnswered() throws IOException {
        try (TestServer server = TestServer.builder(data).set("auth", "false")
                .set("public-url", "https://brushwork.example.test").start()) {
            int port = server.server.port();
            assertThat(get(port, "/v1/models", "rebound.attacker.example:" + port))
                    .startsWith("HTTP/1.1 403").contains("DNS rebinding").contains("rebound.attacker.example")
                    .doesNotContain("\"data\"");
            for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "app.localhost",
                    "[::1]:" + port, "192.168.1.20", "brushwork.example.test", "BRUSHWORK.example.test:443"}) {
                assertThat(get(port, "/v1/models", host)).as(host).startsWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void withKeysAnyNameIsAnswered() throws IOException {
        try (TestServer server = TestServer.builder(data).start()) {
            int port = server.server.port();
            assertThat(get(port, "/healthz", "any.name.example")).startsWith("HTTP/1.1 200");
            assertThat(get(port, "/v1/models", "any.name.example")).as("refused for want of a key, not its name")
                    .startsWith("HTTP/1.1 401");
        }
    }
}
