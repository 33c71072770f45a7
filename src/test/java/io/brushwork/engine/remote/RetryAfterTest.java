package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-24T05:57:17Z");

    private static Optional<Duration> parse(String header) {
        return RetryAfter.parse(Optional.ofNullable(header), NOW);
    }

    @Test
    void secondsOrAnHttpDate() {
        assertThat(parse("7")).contains(Duration.ofSeconds(7));
        assertThat(parse(" 120 ")).contains(Duration.ofSeconds(120));
        assertThat(parse("Tue, 24 Nov 2026 05:58:17 GMT")).contains(Duration.ofSeconds(60));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(parse("Tue, 24 Nov 2026 05:00:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void anythingElseIsNoAdvice() {
        assertThat(parse(null)).isEmpty();
        assertThat(parse("")).isEmpty();
        assertThat(parse("-5")).isEmpty();
        assertThat(parse("1.5")).isEmpty();
        assertThat(parse("soon")).isEmpty();
    }

    /** A broken or hostile header must not bench a backend for centuries, nor overflow the clock adding it. */
    @Test
    void aWaitLongerThanAnHourIsAnHour() {
        assertThat(parse("3600")).contains(Duration.ofHours(1));
        assertThat(parse("0000000000000000000007")).as("leading zeros are not a long wait")
                .contains(Duration.ofSeconds(7));
        assertThat(parse("3601")).contains(RetryAfter.MAX);
        assertThat(parse("99999999999999999")).contains(RetryAfter.MAX);
        assertThat(parse("99999999999999999999999")).contains(RetryAfter.MAX);
        assertThat(parse("Fri, 24 Nov 3026 05:58:17 GMT")).contains(RetryAfter.MAX);
    }
}
