package io.squall.cli;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.daemon.logviewer.LogviewerServer;
import io.squall.daemon.logviewer.LogviewerSettings;
import io.squall.errors.SquallException;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code bin/squall logviewer}: Storm's logviewer daemon, serving this machine's log files over HTTP. */
final class LogviewerCommand {
    static final String HELP = "logviewer [-c key=value...]\n"
            + "        Serves this machine's worker and daemon logs (squall.logs.dir) on http://logviewer.host:"
            + "logviewer.port/\n"
            + "        (default " + ConfigKeys.LOGVIEWER_HOST.defaultValue() + ":"
            + ConfigKeys.LOGVIEWER_PORT.defaultValue() + "): list, page, search and download them, as Storm's "
            + "logviewer.";

    private LogviewerCommand() {
    }

    /** Runs the logviewer until the process is stopped; returns the exit code. */
    static int run(String[] rest, PrintStream out, PrintStream err) {
        CommandLine args = CommandLine.parse(rest, CommandLine.Spec.of());
        if (args.help()) {
            return Main.help("logviewer", out);
        }
        if (!args.positional().isEmpty()) {
            throw new Main.UsageException("takes no arguments but -c key=value, got " + args.positional());
        }
        DaemonConfig conf = Main.config(args.overrides(), err);
        LogviewerServer server;
        try {
            // Refuses a non-loopback address without authentication, unless squall.insecure says it is meant.
            server = new LogviewerServer(LogviewerSettings.of(conf));
        } catch (SquallException | IllegalStateException e) {
            err.println("squall logviewer: " + e.getMessage());
            return Main.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        out.println("Logviewer: " + server.url() + " (logs in " + conf.getString(ConfigKeys.WORKER_LOGS_DIR) + ")");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }
}
