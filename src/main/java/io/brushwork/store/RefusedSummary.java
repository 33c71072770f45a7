package io.brushwork.store;

/** Edit requests refused before any key was known, on one UTC day, by route and answer. */
public record RefusedSummary(String day, String route, int status, long requests) {
}
