package io.brushwork.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage rows the database did not take (a full disk, say), kept in memory in their order and written, still in
 * that order, once it takes rows again. Billing must not lose a row because the disk was full for a while, but a
 * database that stays down must not take the heap either: beyond {@code capacity} rows, new rows are dropped and
 * counted. Warnings come once per {@link #report()}, never once per row.
 */
final class UsageBacklog {
    private static final Logger log = LoggerFactory.getLogger(UsageBacklog.class);
    /** Rows per transaction: a full backlog is written in a few short transactions rather than one long one. */
    private static final int BATCH = 1_000;

    private final UsageLog table;
    private final int capacity;
    /** One writer at a time, so that waiting rows are written once and in order. */
    private final ReentrantLock writer = new ReentrantLock();

    // Guarded by this.
    private final ArrayDeque<UsageRecord> waiting = new ArrayDeque<>();
    private long droppedSinceReport;
    private long dropped;
    private String failure = "";

    UsageBacklog(UsageLog table, int capacity) {
        this.table = table;
        this.capacity = capacity;
    }

    /**
     * Writes the row now if the database takes it. Once rows are waiting, a new row joins them (its turn is after
     * theirs) and the waiting rows are written if no other thread is writing them already.
     */
    void add(UsageRecord row) {
        if (joinWaiting(row)) {
            if (writer.tryLock()) {
                try {
                    writeWaiting();
                } finally {
                    writer.unlock();
                }
            }
            return;
        }
        try {
            table.record(row);
        } catch (StoreException e) {
            keep(row, e);
        }
    }

    /** Writes what is waiting, waiting for a writer that is already at it; for the periodic retry and shutdown. */
    void write() {
        writer.lock();
        try {
            writeWaiting();
        } finally {
            writer.unlock();
        }
    }

    private synchronized boolean joinWaiting(UsageRecord row) {
        if (waiting.isEmpty()) {
            return false;
        }
        enqueue(row);
        return true;
    }

    private synchronized void keep(UsageRecord row, StoreException e) {
        failure = e.reason();
        if (waiting.isEmpty()) {
            // Once per outage; while it lasts, report() says how many rows wait.
            log.warn("the usage table cannot be written ({}); keeping its rows in memory, up to {}, to write them"
                    + " when it can", failure, capacity);
        }
        enqueue(row);
    }

    private void enqueue(UsageRecord row) {
        if (waiting.size() < capacity) {
            waiting.addLast(row);
        } else {
            droppedSinceReport++;
            dropped++;
        }
    }

    private void writeWaiting() {
        int written = 0;
        try {
            for (List<UsageRecord> batch = oldest(); !batch.isEmpty(); batch = oldest()) {
                table.recordAll(batch);
                removeOldest(batch.size());
                written += batch.size();
            }
        } catch (StoreException e) {
            synchronized (this) {
                failure = e.reason();
            }
        }
        if (written > 0) {
            log.info("wrote {} usage rows that had waited for the database", written);
        }
    }

    private synchronized List<UsageRecord> oldest() {
        List<UsageRecord> batch = new ArrayList<>(Math.min(BATCH, waiting.size()));
        Iterator<UsageRecord> it = waiting.iterator();
        while (batch.size() < BATCH && it.hasNext()) {
            batch.add(it.next());
        }
        return batch;
    }

    /** Only the writer removes rows, and only from the front, so these are the rows it has just written. */
    private synchronized void removeOldest(int count) {
        for (int i = 0; i < count; i++) {
            waiting.removeFirst();
        }
    }

    /** One warning line for the interval: rows dropped since the last report, or else rows still waiting. */
    void report() {
        State s;
        synchronized (this) {
            s = state();
            droppedSinceReport = 0;
        }
        if (s.droppedSinceReport() > 0) {
            log.warn("the usage backlog is full ({} rows): {} usage rows were dropped since the last report, {} in"
                    + " all; the database still fails ({})", capacity, s.droppedSinceReport(), s.dropped(),
                    s.failure());
        } else if (s.waiting() > 0) {
            log.warn("{} usage rows are waiting for the database, which still fails ({})", s.waiting(), s.failure());
        }
    }

    /** At shutdown, after a last {@link #write()}: what is still here is lost, and the log says how much. */
    void reportLost() {
        State s = state();
        if (s.waiting() > 0 || s.dropped() > 0) {
            log.error("{} usage rows are lost: {} could not be written at shutdown and {} were dropped from the full"
                    + " backlog ({})", s.waiting() + s.dropped(), s.waiting(), s.dropped(), s.failure());
        }
    }

    /** The backlog at one moment, read under the lock and logged outside it. */
    private record State(int waiting, long droppedSinceReport, long dropped, String failure) {
    }

    private synchronized State state() {
        return new State(waiting.size(), droppedSinceReport, dropped, failure);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}
