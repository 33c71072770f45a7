package io.brushwork.config;

import java.time.Duration;

/**
 * One backend on a model's route, with the failure handling the route applies to it.
 *
 * @param backend       a backend's name: {@code patchmatch}, {@code telea}, or one configured under {@code backends}
 * @param preset        the preset passed to it
 * @param tier          lower tiers are tried first; backends in one tier share the load by weight
 * @param weight        relative share within the tier
 * @param timeout       how long one call may take before it counts as failed (image work is slow: minutes)
 * @param maxConcurrent calls in progress at once, counting calls past their timeout that have not stopped yet; 0
 *                      (the default) for as many as the server has workers. A full backend is skipped, not
 *                      waited for
 * @param retries       extra attempts after a failure that started nothing (connection refused, 429)
 * @param cooldown      how long a failing backend is taken out of rotation (circuit breaker)
 * @param retryBusy     whether {@code retries} also covers a call the provider received and answered 408, 502 or
 *                      503: it may have started (and charged for) that call, so this is off unless the operator
 *                      knows the provider charges nothing for it
 */
public record RouteStep(String backend, String preset, int tier, int weight, Duration timeout, int maxConcurrent,
                        int retries, Duration cooldown, boolean retryBusy) {

    public static final String DEFAULT_PRESET = "default";
    public static final int DEFAULT_TIER = 1;
    public static final int DEFAULT_WEIGHT = 1;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_CONCURRENT = 0;
    public static final int DEFAULT_RETRIES = 2;
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);
    public static final boolean DEFAULT_RETRY_BUSY = false;

    /** A backend and preset with every other field at its default. */
    public static RouteStep of(String backend, String preset) {
        return new RouteStep(backend, preset, DEFAULT_TIER, DEFAULT_WEIGHT, DEFAULT_TIMEOUT, DEFAULT_MAX_CONCURRENT,
                DEFAULT_RETRIES, DEFAULT_COOLDOWN, DEFAULT_RETRY_BUSY);
    }
}
