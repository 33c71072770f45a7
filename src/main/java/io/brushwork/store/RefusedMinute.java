package io.brushwork.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Which count a refused request adds to: its UTC minute, route and answer. */
record RefusedMinute(Instant minute, String route, int status) {

    static RefusedMinute of(UsageRecord row) {
        return new RefusedMinute(row.at().truncatedTo(ChronoUnit.MINUTES), row.route(), row.status());
    }
}
