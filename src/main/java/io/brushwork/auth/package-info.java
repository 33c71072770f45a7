/**
 * API keys and per-key limits: {@link io.brushwork.auth.ApiKeys} creates, checks and revokes keys (stored only as
 * hashes), and {@link io.brushwork.auth.InflightLimits} counts each key's images in flight as Ideogram counts an
 * account's: in memory for one server, or as leases with an expiry in the PostgreSQL that replicas share.
 */
package io.brushwork.auth;
