package io.brushwork.cli;

import io.brushwork.store.Database;
import io.brushwork.store.UsageLog;
import io.brushwork.store.UsageSummary;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Requests and images per API key and per day (UTC).")
final class UsageCommand implements Runnable {
    @Mixin
    ConfigOptions options;

    @Override
    public void run() {
        List<UsageSummary> rows = new UsageLog(Database.open(options.load().storage().data())).perKeyAndDay();
        System.out.printf("%-10s  %-28s %9s %9s %7s%n", "DAY", "KEY", "REQUESTS", "SUCCEEDED", "IMAGES");
        for (UsageSummary r : rows) {
            String key = r.keyId() == null ? "(no key)" : r.keyId() + " " + (r.keyName() == null ? "" : r.keyName());
            System.out.printf("%-10s  %-28s %9d %9d %7d%n", r.day(), key, r.requests(), r.succeeded(), r.images());
        }
    }
}
