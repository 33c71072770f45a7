-- API keys are stored only as a SHA-256 of the secret; the prefix lets a person tell keys apart in `keys list`.
CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    key_hash    TEXT    NOT NULL UNIQUE,
    key_prefix  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

-- One row per stored result image; the file lives at images/<id>.png under the data directory.
CREATE TABLE images (
    id          TEXT    PRIMARY KEY,
    key_id      INTEGER REFERENCES api_keys (id),
    sha256      TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX images_by_expiry ON images (expires_at);

-- One row per edit request, written before the response is sent.
CREATE TABLE usage (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id   TEXT    NOT NULL,
    key_id       INTEGER REFERENCES api_keys (id),
    route        TEXT    NOT NULL,
    model        TEXT,
    engine       TEXT,
    images       INTEGER NOT NULL,
    status       INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX usage_by_key_and_time ON usage (key_id, created_at);

-- Server-wide secrets and settings, such as the key that signs image URLs.
CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
