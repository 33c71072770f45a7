package io.brushwork.store;

import java.time.Duration;

/**
 * Where a server's edits put their usage rows.
 *
 * <p>A row goes to the {@link UsageLog} at once when the database takes it; one it does not take (a full disk)
 * waits in memory and is written, in its turn, on the next row or the next {@link #flush()}, so that neither the
 * client's answer nor billing depends on the database taking the row there and then. {@link #record} never throws
 * for a database that fails.
 *
 * <p>A request refused before any key was known is not a row: it is counted per UTC minute, route and answer in
 * {@link RefusedRequests}, so that a client with no key cannot make the server write a row per request. Such a
 * request is one with no key on a server that requires keys; the edit service reaches a key only through
 * authentication, so a row without one there is a 401 (or a failure of the key check itself). A server run with
 * {@code --no-auth} requires no key: every request there is a real edit without one and keeps its row.
 */
public final class UsageRecorder implements AutoCloseable {
    /** How often the server calls {@link #flush()}; refused requests are counted per minute. */
    public static final Duration FLUSH_INTERVAL = Duration.ofMinutes(1);
    /** Rows kept while the database fails: a few MB, minutes of a busy server's edits. */
    static final int BACKLOG_ROWS = 10_000;

    private final UsageBacklog rows;
    private final RefusedCounts refused;
    private final boolean keysRequired;

    /** @param keysRequired whether the server requires a key, so that a row with none was refused before one */
    public UsageRecorder(UsageLog usage, RefusedRequests refused, boolean keysRequired) {
        this(usage, refused, keysRequired, BACKLOG_ROWS);
    }

    UsageRecorder(UsageLog usage, RefusedRequests refused, boolean keysRequired, int backlogRows) {
        this.rows = new UsageBacklog(usage, backlogRows);
        this.refused = new RefusedCounts(refused);
        this.keysRequired = keysRequired;
    }

    /** Records one edit request: its row, written now or kept to be written later, or a count if it was refused. */
    public void record(UsageRecord row) {
        if (keysRequired && row.keyId() == null) {
            refused.count(row);
        } else {
            rows.add(row);
        }
    }

    /**
     * Writes the rows that waited and the refused requests counted so far, and says in one line each what still
     * waits and what was dropped.
     */
    public void flush() {
        rows.write();
        rows.report();
        refused.write();
    }

    /** Usage rows waiting for the database. */
    public int waiting() {
        return rows.waiting();
    }

    /** Usage rows dropped because too many were waiting. */
    public long dropped() {
        return rows.dropped();
    }

    /** Tries once more to write what is waiting, and logs how much is lost if the database still fails. */
    @Override
    public void close() {
        rows.write();
        rows.reportLost();
        refused.write();
        refused.reportLost();
    }
}
