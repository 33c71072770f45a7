package io.brushwork.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.auth.ApiKey;
import io.brushwork.auth.InflightLimits;
import io.brushwork.testing.TableRows;
import io.brushwork.testing.TestPostgres;
import io.brushwork.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas, two Brushwork servers with their own data directories on one real PostgreSQL: what one does, the
 * other sees. Keys, link signing and each key's in-flight limit are the database's, not a replica's.
 */
class ReplicasTest {
    @TempDir
    Path dir;

    private String url;
    private TestServer a;
    private TestServer b;

    @BeforeEach
    void start() {
        url = TestPostgres.newDatabaseUrl();
        a = TestServer.builder(dir.resolve("a")).set("database-url", url).set("max-inflight", "2").start();
        b = TestServer.builder(dir.resolve("b")).set("database-url", url).set("max-inflight", "2").start();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void aLinkSignedByOneReplicaVerifiesOnTheOther() {
        String link = TestServer.json(a.edit(TestServer.smallForm())).get("data").get(0).get("url").asText();
        String id = link.substring(link.indexOf("/images/") + "/images/".length(), link.indexOf(".png"));
        long expires = Long.parseLong(link.replaceAll(".*expires=(\\d+).*", "$1"));
        String signature = link.replaceAll(".*signature=([^&]+).*", "$1");
        assertThat(b.app.signer().verify(id, expires, signature)).isTrue();
        assertThat(TableRows.count(b.app.database(), "images", "id = '" + id + "'")).as("B sees A's image row")
                .isOne();
    }

    @Test
    void aKeyTheCliCreatesWorksOnEveryReplica() throws Exception {
        Path config = dir.resolve("brushwork.yaml");
        Files.writeString(config, "database-url: " + url + "\n");
        String out = cli("keys", "create", "--name", "from-cli", "--config", config.toString(), "--data",
                dir.resolve("cli").toString());
        List<String> lines = out.lines().toList();
        String secret = lines.get(lines.size() - 1);

        assertThat(a.smallEdit(secret).statusCode()).isEqualTo(200);
        assertThat(b.smallEdit(secret).statusCode()).isEqualTo(200);
        assertThat(cli("keys", "list", "--config", config.toString())).contains("from-cli");
        assertThat(cli("usage", "--config", config.toString())).as("both replicas' rows, by the CLI")
                .containsPattern("from-cli +2 +2 +2");
    }

    private static synchronized String cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(Main.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKeysInflightLimitHoldsAcrossReplicasAndADeadHoldersLeaseExpires() {
        ApiKey key = a.app.keys().check(a.key).validKey().orElseThrow();
        InflightLimits.Hold onA = a.app.inflight().tryHold(key.id(), 2, 2);
        assertThat(onA).isNotNull();

        HttpResponse<byte[]> refused = b.smallEdit(a.key);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(TestServer.json(refused).get("reject_reason").asText()).isEqualTo("inflight_limit");
        String requestId = refused.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(b.app.usage().forRequest(requestId)).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo(429));

        // A "dies" holding both places: it renews no more. Once its lease is past its expiry, B serves the key.
        b.clock.advance(Duration.ofMinutes(2));
        assertThat(b.smallEdit(a.key).statusCode()).isEqualTo(200);
    }
}
