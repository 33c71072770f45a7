package io.brushwork.store;

/** Requests and images for one key on one UTC day. */
public record UsageSummary(String day, Long keyId, String keyName, long requests, long succeeded, long images) {
}
