package io.brushwork.cli;

import io.brushwork.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code brushwork} command. */
@Command(name = "brushwork", mixinStandardHelpOptions = true, version = "Brushwork 0.1.0",
        description = "Self-hosted image edit server that speaks Ideogram's edit API.",
        subcommands = {ServeCommand.class, KeysCommand.class, EditCommand.class, MaskCommand.class, UsageCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof ConfigException || e instanceof CliException) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
