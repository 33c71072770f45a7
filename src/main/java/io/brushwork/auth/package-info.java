/**
 * API keys and per-key limits: {@link io.brushwork.auth.ApiKeys} creates, checks and revokes keys (stored only as
 * hashes), and {@link io.brushwork.auth.InflightLimits} counts each key's images in flight as Ideogram counts an
 * account's.
 */
package io.brushwork.auth;
