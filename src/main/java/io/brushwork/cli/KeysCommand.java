package io.brushwork.cli;

import io.brushwork.auth.ApiKey;
import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.NewApiKey;
import io.brushwork.store.Database;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list, update and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.List.class, KeysCommand.Update.class,
                KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {

    @Override
    public void run() {
        throw new CliException("name a subcommand: keys create --name NAME, keys list, keys update ID, keys revoke ID");
    }

    /** Runs {@code work} on the keys of the database the configuration names, and closes that database. */
    private static <T> T withKeys(ConfigOptions options, Function<ApiKeys, T> work) {
        try (Database db = options.openDatabase()) {
            return work.apply(new ApiKeys(db, Clock.systemUTC()));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key. The key is printed once, alone on the last line; only its hash is kept.")
    static final class Create implements Runnable {
        @Mixin
        ConfigOptions options;

        @Option(names = "--name", required = true, description = "Who or what the key is for.")
        String name;

        @Option(names = "--max-inflight", paramLabel = "N",
                description = "Images this key may have in flight at once (default: the server's max-inflight).")
        Integer maxInflight;

        @Override
        public void run() {
            NewApiKey key = withKeys(options, keys -> keys.create(name, limit(maxInflight)));
            System.out.println("Created key " + key.key().id() + " (" + name + "). Store it now; it is not shown"
                    + " again:");
            System.out.println(key.secret());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
    static final class List implements Runnable {
        @Mixin
        ConfigOptions options;

        @Override
        public void run() {
            java.util.List<ApiKey> keys = withKeys(options, ApiKeys::list);
            System.out.printf("%-6s %-24s %-12s %-22s %-12s %s%n", "ID", "NAME", "PREFIX", "CREATED",
                    "MAX-INFLIGHT", "STATUS");
            for (ApiKey k : keys) {
                System.out.printf("%-6d %-24s %-12s %-22s %-12s %s%n", k.id(), k.name(), k.prefix() + "…",
                        k.createdAt().toString().substring(0, 19) + "Z",
                        k.maxInflight().isPresent() ? String.valueOf(k.maxInflight().getAsInt()) : "default",
                        k.revokedAt().map(t -> "revoked " + t).orElse("active"));
            }
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a key's in-flight limit. Takes effect on the key's next request.")
    static final class Update implements Runnable {
        @Mixin
        ConfigOptions options;

        @Parameters(paramLabel = "ID", description = "The key's id, as `keys list` shows it.",
                converter = KeyId.class)
        long id;

        @Option(names = "--max-inflight", paramLabel = "N", description = "Images in flight at once for this key.")
        Integer maxInflight;

        @Option(names = "--default-inflight", description = "Use the server's max-inflight for this key again.")
        boolean defaultInflight;

        @Override
        public void run() {
            if ((maxInflight == null) == !defaultInflight) {
                throw new CliException("give exactly one of --max-inflight N and --default-inflight");
            }
            OptionalInt limit = limit(maxInflight);
            if (!withKeys(options, keys -> keys.setMaxInflight(id, limit))) {
                throw new CliException("there is no key with id " + id + "; `keys list` shows the ids");
            }
            System.out.println("Key " + id + ": max in flight " + (maxInflight == null ? "the server default"
                    : maxInflight + " images") + ".");
        }
    }

    /** A key's id as typed: a number, or a message that says what an id is instead of "'alice' is not a long". */
    static final class KeyId implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("a key's id is its number, as `keys list` shows it (keys are"
                        + " revoked by id, not by name); got '" + value + "'");
            }
        }
    }

    private static OptionalInt limit(Integer maxInflight) {
        if (maxInflight == null) {
            return OptionalInt.empty();
        }
        if (maxInflight < 1) {
            throw new CliException("--max-inflight must be at least 1, got " + maxInflight);
        }
        return OptionalInt.of(maxInflight);
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: requests with it get 401 from then on.")
    static final class Revoke implements Runnable {
        @Mixin
        ConfigOptions options;

        @Parameters(paramLabel = "ID", description = "The key's id, as `keys list` shows it.",
                converter = KeyId.class)
        long id;

        @Override
        public void run() {
            if (!withKeys(options, keys -> keys.revoke(id))) {
                throw new CliException("there is no key with id " + id + "; `keys list` shows the ids");
            }
            System.out.println("Revoked key " + id + ".");
        }
    }
}
