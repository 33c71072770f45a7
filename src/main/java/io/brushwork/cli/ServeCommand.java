package io.brushwork.cli;

import io.brushwork.Brushwork;
import io.brushwork.api.BrushworkServer;
import io.brushwork.config.BrushworkConfig;
import io.javalin.util.JavalinBindException;
import java.net.BindException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP server. On an empty database it first creates an API key and prints it once.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--port", description = "Port to listen on (default 8080, or BRUSHWORK_PORT).")
    Integer port;

    @Option(names = "--host", description = "Address to bind (default 0.0.0.0, or BRUSHWORK_HOST).")
    String host;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Base of image links in responses, e.g. https://img.example.com "
                    + "(default: the scheme and Host of each request).")
    String publicUrl;

    @Option(names = "--no-auth", description = "Accept requests without an API key. For local experiments only.")
    boolean noAuth;

    /** Why the server could not listen, in one line: a port in use says which to try instead. */
    private static String cannotListen(JavalinBindException e, String host, int port) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
                return "port " + port + " is in use on " + host + "; try --port " + (port + 1)
                        + ", or --port 0 for any free port";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot listen on " + host + ":" + port + " (" + root.getMessage() + "); check --host and --port";
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        if (port != null) {
            flags.put("port", port.toString());
        }
        if (host != null) {
            flags.put("host", host);
        }
        if (publicUrl != null) {
            flags.put("public-url", publicUrl);
        }
        if (noAuth) {
            flags.put("auth", "false");
        }
        BrushworkConfig config = options.load(flags);
        Brushwork app = Brushwork.open(config);
        BrushworkServer server;
        try {
            server = BrushworkServer.start(app);
        } catch (JavalinBindException e) {
            app.close();
            throw new CliException(cannotListen(e, config.server().host(), config.server().port()));
        }
        // Only once the server is listening: a start that fails must not have shown a key it never served.
        if (!config.server().auth()) {
            System.err.println("WARNING: authentication is OFF (--no-auth): anyone who can reach this port can"
                    + " run edits. Use it only on a machine you trust.");
        } else {
            try {
                FirstKey.ensure(app.keys(), app.database(), config.storage().data()).ifPresent(key -> {
                    System.out.println("Created the first API key (id " + key.key().id() + ", name 'default'). It is"
                            + " shown once and saved, readable only by you, in "
                            + config.storage().data().resolve(FirstKey.FILE) + ":");
                    System.out.println(key.secret());
                });
            } catch (RuntimeException e) {
                server.close();
                app.close();
                throw e;
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (stop.getCount() == 0) {
                    System.exit(128 + signal.getNumber()); // a second Ctrl+C: stop waiting for the edits
                }
                stop.countDown();
            });
        }
        System.out.println("Brushwork is serving on port " + server.port() + " (data in " + config.storage().data()
                + "); Ctrl+C stops it");
        System.out.println("Open " + playgroundUrl(config, server.port()) + " in a browser to edit a photo there");
        stop.await();
        Duration grace = config.server().shutdownGrace();
        System.err.println("Brushwork is stopping: letting the edits in progress finish (up to "
                + grace.toSeconds() + " s; Ctrl+C again to stop at once)");
        boolean finished = server.drain(grace);
        server.close();
        app.close();
        System.err.println(finished ? "Brushwork stopped" : "Brushwork stopped; edits still running after "
                + grace.toSeconds() + " s were cut off");
        return 0;
    }

    /** Where a person on this machine (or anyone, with a public-url) finds the playground. */
    static String playgroundUrl(BrushworkConfig config, int port) {
        if (config.server().publicUrl().isPresent()) {
            return config.server().publicUrl().get() + "/";
        }
        String host = config.server().host();
        boolean everywhere = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        String shown = everywhere ? "localhost" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port + "/";
    }
}
