package io.brushwork.store;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests refused before any key was known, counted in memory per UTC minute, route and answer and added to
 * {@link RefusedRequests} now and then: counting one costs a map update, not a database write. There are only a
 * handful of counts a minute whatever the rate, so counts the database does not take simply stay for the next try.
 */
final class RefusedCounts {
    private static final Logger log = LoggerFactory.getLogger(RefusedCounts.class);

    private final RefusedRequests table;
    private final Map<RefusedMinute, Long> counts = new ConcurrentHashMap<>();

    RefusedCounts(RefusedRequests table) {
        this.table = table;
    }

    void count(UsageRecord row) {
        counts.merge(RefusedMinute.of(row), 1L, Long::sum);
    }

    /** Adds the counts so far to the table; when it fails they are kept, with any counted meanwhile. */
    void write() {
        Map<RefusedMinute, Long> taken = new HashMap<>();
        for (RefusedMinute minute : counts.keySet()) {
            // remove() takes the count as it is at that moment; a request counted after it starts a new one.
            Long n = counts.remove(minute);
            if (n != null) {
                taken.put(minute, n);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            table.add(taken);
        } catch (StoreException e) {
            taken.forEach((minute, n) -> counts.merge(minute, n, Long::sum));
            log.warn("{} refused requests are counted in memory only: the database fails ({})", waiting(), e.reason());
        }
    }

    /** At shutdown, after a last {@link #write()}: counts still here are lost, and the log says how many. */
    void reportLost() {
        long lost = waiting();
        if (lost > 0) {
            log.error("{} refused requests were not counted: the database still fails at shutdown", lost);
        }
    }

    /** Refused requests counted here and not yet in the table. */
    long waiting() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
