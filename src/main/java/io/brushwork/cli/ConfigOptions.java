package io.brushwork.cli;

import io.brushwork.config.BrushworkConfig;
import io.brushwork.config.ConfigLoader;
import io.brushwork.config.StorageConfig;
import io.brushwork.store.Database;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --config}, shared by every command that reads configuration or state. */
final class ConfigOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory: database, images, first API key (default: ./data, or BRUSHWORK_DATA).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file (or BRUSHWORK_CONFIG).")
    Path config;

    BrushworkConfig load(Map<String, String> flags) {
        Map<String, String> all = new LinkedHashMap<>(flags);
        if (data != null) {
            all.put("data", data.toString());
        }
        Optional<Path> file = Optional.ofNullable(config)
                .or(() -> Optional.ofNullable(System.getenv("BRUSHWORK_CONFIG")).filter(s -> !s.isBlank())
                        .map(Path::of));
        return ConfigLoader.load(file, System.getenv(), all);
    }

    BrushworkConfig load() {
        return load(Map.of());
    }

    /** The database the configuration names ({@code database-url}, else SQLite in the data directory), migrated. */
    Database openDatabase() {
        StorageConfig storage = load().storage();
        return Database.open(storage.data(), storage.databaseUrl());
    }
}
