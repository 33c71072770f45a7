-- Edit requests refused before any key was known, counted per UTC minute, route and answer (see sqlite/V3).
CREATE TABLE refused_requests (
    minute  BIGINT  NOT NULL,
    route   TEXT    NOT NULL,
    status  INTEGER NOT NULL,
    count   BIGINT  NOT NULL,
    PRIMARY KEY (minute, route, status)
);
