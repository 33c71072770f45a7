package io.brushwork.cli;

import io.brushwork.auth.ApiKey;
import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.NewApiKey;
import io.brushwork.store.Database;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.List.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {

    @Override
    public void run() {
        throw new CliException("name a subcommand: keys create --name NAME, keys list, keys revoke ID");
    }

    private static ApiKeys open(ConfigOptions options) {
        return new ApiKeys(Database.open(options.load().data()), Clock.systemUTC());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key. The key is printed once, alone on the last line; only its hash is kept.")
    static final class Create implements Runnable {
        @Mixin
        ConfigOptions options;

        @Option(names = "--name", required = true, description = "Who or what the key is for.")
        String name;

        @Override
        public void run() {
            NewApiKey key = open(options).create(name);
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
            java.util.List<ApiKey> keys = open(options).list();
            System.out.printf("%-6s %-24s %-12s %-22s %s%n", "ID", "NAME", "PREFIX", "CREATED", "STATUS");
            for (ApiKey k : keys) {
                System.out.printf("%-6d %-24s %-12s %-22s %s%n", k.id(), k.name(), k.prefix() + "…",
                        k.createdAt().toString().substring(0, 19) + "Z",
                        k.revokedAt().map(t -> "revoked " + t).orElse("active"));
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: requests with it get 401 from then on.")
    static final class Revoke implements Runnable {
        @Mixin
        ConfigOptions options;

        @Parameters(paramLabel = "ID", description = "The key's id, as `keys list` shows it.")
        long id;

        @Override
        public void run() {
            if (!open(options).revoke(id)) {
                throw new CliException("there is no key with id " + id + "; `keys list` shows the ids");
            }
            System.out.println("Revoked key " + id + ".");
        }
    }
}
