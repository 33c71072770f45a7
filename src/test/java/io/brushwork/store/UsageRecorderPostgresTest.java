package io.brushwork.store;

import io.brushwork.config.DatabaseUrl;
import io.brushwork.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Optional;

/** {@link UsageRecorderTest} on PostgreSQL: the same backlog, the same refused counts, through its SQL. */
class UsageRecorderPostgresTest extends UsageRecorderTest {
    @Override
    Database database(Path data) {
        return Database.open(data, new DatabaseUrl(Optional.of(TestPostgres.newDatabaseUrl())));
    }
}
