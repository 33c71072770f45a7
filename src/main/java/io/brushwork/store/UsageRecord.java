package io.brushwork.store;

import java.time.Duration;
import java.time.Instant;

/** One edit request as the usage table keeps it. {@code keyId} is null when auth is off or the key was refused. */
public record UsageRecord(String requestId, Long keyId, String route, String model, String engine, int images,
                          int status, Duration duration, Instant at) {
}
