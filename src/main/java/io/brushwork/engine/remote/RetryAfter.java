package io.brushwork.engine.remote;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads {@code Retry-After} (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date. How long is too long for a
 * request to wait is the route's decision; what is capped here is how long a provider can take itself out of
 * rotation: {@link #MAX}, so that a broken or hostile header cannot bench a backend for centuries (or overflow the
 * clock that adds it).
 */
final class RetryAfter {
    /** The longest wait a provider's header is taken at; a longer one counts as this. */
    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    static Optional<Duration> parse(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Any run of digits is a wait: more than a long holds is still a number the provider meant.
            String digits = value.replaceFirst("^0+(?=\\d)", "");
            boolean huge = digits.length() > 18 || Long.parseLong(digits) > MAX.toSeconds();
            return Optional.of(huge ? MAX : Duration.ofSeconds(Long.parseLong(digits)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX) > 0 ? MAX : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
