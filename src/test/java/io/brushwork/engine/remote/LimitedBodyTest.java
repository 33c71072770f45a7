package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.engine.remote.FakeUpstream.Response;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Answers are read into memory only up to a limit, so a runaway upstream cannot exhaust the heap. */
class LimitedBodyTest {

    @Test
    void readsUpToTheLimitAndRefusesMore() throws Exception {
        try (FakeUpstream fake = new FakeUpstream()) {
            fake.answer(r -> Response.bytes(200, "application/octet-stream", new byte[64 * 1024]));
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(fake.base().resolve("/big")).build();

            assertThat(http.sendAsync(request, LimitedBody.handler(64 * 1024)).get().body()).hasSize(64 * 1024);
            assertThatThrownBy(() -> http.sendAsync(request, LimitedBody.handler(64 * 1024 - 1)).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(LimitedBody.TooLarge.class);
        }
    }
}
