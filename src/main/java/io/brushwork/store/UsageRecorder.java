package io.brushwork.store;

import java.time.Duration;

/**
 * Where a server's edits put their usage rows. A row goes to the {@link UsageLog} at once when the database takes
 * it; one it does not take (a full disk) waits in memory and is written, in its turn, on the next row or the next
 * {@link #flush()}, so that neither the client's answer nor billing depends on the database taking the row there
 * and then. {@link #record} never throws for a database that fails.
 */
public final class UsageRecorder implements AutoCloseable {
    /** How often the server calls {@link #flush()}. */
    public static final Duration FLUSH_INTERVAL = Duration.ofMinutes(1);
    /** Rows kept while the database fails: a few MB, minutes of a busy server's edits. */
    static final int BACKLOG_ROWS = 10_000;

    private final UsageBacklog rows;

    public UsageRecorder(UsageLog usage) {
        this(usage, BACKLOG_ROWS);
    }

    UsageRecorder(UsageLog usage, int backlogRows) {
        this.rows = new UsageBacklog(usage, backlogRows);
    }

    /** Records one edit request's row: written now, or kept to be written later. */
    public void record(UsageRecord row) {
        rows.add(row);
    }

    /** Writes what is waiting and says, in one line each, what is still waiting and what was dropped. */
    public void flush() {
        rows.write();
        rows.report();
    }

    /** Usage rows waiting for the database. */
    public int waiting() {
        return rows.waiting();
    }

    /** Usage rows dropped because too many were waiting. */
    public long dropped() {
        return rows.dropped();
    }

    /** Tries once more to write what is waiting, and logs how many rows are lost if the database still fails. */
    @Override
    public void close() {
        rows.write();
        rows.reportLost();
    }
}
