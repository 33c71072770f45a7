-- Edit requests refused before any key was known (no key, an unknown or revoked one), counted per UTC minute, route
-- and answer instead of written one row each in usage: a client with no key can send thousands a second, and each
-- row would cost a write for a request that did no work. minute is the minute's start in epoch milliseconds, as
-- usage.created_at is.
CREATE TABLE refused_requests (
    minute  INTEGER NOT NULL,
    route   TEXT    NOT NULL,
    status  INTEGER NOT NULL,
    count   INTEGER NOT NULL,
    PRIMARY KEY (minute, route, status)
);
