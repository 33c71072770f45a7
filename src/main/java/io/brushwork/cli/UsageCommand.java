package io.brushwork.cli;

import io.brushwork.store.Database;
import io.brushwork.store.RefusedRequests;
import io.brushwork.store.RefusedSummary;
import io.brushwork.store.UsageLog;
import io.brushwork.store.UsageSummary;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Requests and images per API key and per day (UTC), then requests refused before any key was"
                + " known, per day, route and status.")
final class UsageCommand implements Runnable {
    @Mixin
    ConfigOptions options;

    @Override
    public void run() {
        List<UsageSummary> rows;
        List<RefusedSummary> refused;
        try (Database db = options.openDatabase()) {
            rows = new UsageLog(db).perKeyAndDay();
            refused = new RefusedRequests(db).perDay();
        }
        System.out.printf("%-10s  %-28s %9s %9s %7s%n", "DAY", "KEY", "REQUESTS", "SUCCEEDED", "IMAGES");
        for (UsageSummary r : rows) {
            String key = r.keyId() == null ? "(no key)" : r.keyId() + " " + (r.keyName() == null ? "" : r.keyName());
            System.out.printf("%-10s  %-28s %9d %9d %7d%n", r.day(), key, r.requests(), r.succeeded(), r.images());
        }
        // Counted, not one row each, so they are not in the table above; shown only when there are some.
        if (!refused.isEmpty()) {
            System.out.println();
            System.out.println("Refused before any key was known (no key, an unknown or revoked one):");
            System.out.printf("%-10s  %-28s %6s %9s%n", "DAY", "ROUTE", "STATUS", "REQUESTS");
            for (RefusedSummary r : refused) {
                System.out.printf("%-10s  %-28s %6d %9d%n", r.day(), r.route(), r.status(), r.requests());
            }
        }
    }
}
