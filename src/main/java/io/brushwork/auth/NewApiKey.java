package io.brushwork.auth;

/** A key just created: the only moment its secret exists outside the client's hands. */
public record NewApiKey(ApiKey key, String secret) {
}
