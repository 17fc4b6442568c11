package io.squall.cli;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.config.InvalidConfigException;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.NimbusClusterView;
import io.squall.metrics.aggregate.MetricsAggregator;
import io.squall.metrics.aggregate.MetricsCollector;
import io.squall.utils.NimbusClient;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code squall ui [-c key=value...]}: serves the dashboard of the cluster whose Nimbus the configuration names. */
final class UiCommand {
    static final String HELP = "ui [-c key=value...]\n"
            + "        Serves the dashboard of the cluster (nimbus.seeds) on http://ui.host:ui.port/ until stopped.";
    private static final long UPDATE_MILLIS = 1000;

    private UiCommand() {
    }

    static int run(String[] args, PrintStream out) {
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                out.println("Usage: squall " + HELP);
                return Main.OK;
            }
            if (!args[i].equals("-c") || i + 1 >= args.length) {
                throw new Main.UsageException("takes only -c key=value options, got '" + args[i] + "'");
            }
            overrides.add(args[++i]);
        }
        DaemonConfig conf;
        try {
            conf = DaemonConfig.load(overrides);
        } catch (InvalidConfigException e) {
            throw new Main.UsageException(e.getMessage());
        }
        MetricsCollector metrics = new MetricsCollector(new MetricsAggregator());
        try (DashboardServer server = new DashboardServer(new NimbusClusterView(NimbusClient.of(conf), metrics),
                conf.getString(ConfigKeys.UI_HOST), conf.getInt(ConfigKeys.UI_PORT), UPDATE_MILLIS)) {
            out.println("Dashboard: " + server.url() + " (JSON API under " + server.url() + "api/v1/)");
            new CountDownLatch(1).await();
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        } catch (IllegalStateException e) {
            System.err.println("squall ui: " + e.getMessage());
            return Main.FAILED;
        } finally {
            metrics.close();
        }
    }
}
