-- Images in flight per key, shared by every replica (PostgreSQL only: with SQLite one process counts them in
-- memory). A request holds a lease row from its headers until its answer is ready; its replica renews
-- expires_at (epoch milliseconds) while the row lives, so a replica that dies mid-edit stops renewing and its
-- places come back once the lease expires. No foreign key to api_keys: a hold locks its key's row anyway.
CREATE TABLE inflight_leases (
    id          TEXT    PRIMARY KEY,
    replica     TEXT    NOT NULL,
    key_id      BIGINT  NOT NULL,
    images      INTEGER NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX inflight_leases_by_key ON inflight_leases (key_id, expires_at);
CREATE INDEX inflight_leases_by_replica ON inflight_leases (replica);
