package io.squall.kafka.dev;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A single-node Kafka for development ({@code bin/squall dev-kafka}): KRaft, on 127.0.0.1, data under
 * {@code <storm.local.dir>/dev-kafka}, topics created on first use. Not for production: one node, no replication.
 * Runs until the process is stopped; the broker's log is {@code broker.log} in the data directory.
 */
public final class DevKafka {
    /** The system property naming the directory of the Kafka server's jars; bin/squall sets it. */
    public static final String SERVER_LIB_PROPERTY = "squall.kafka.server.lib";
    static final int DEFAULT_PORT = 9092;

    private DevKafka() {
    }

    /** Arguments: {@code --local-dir DIR [--port PORT] [--dir DATA_DIR]}. */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        Path localDir = Path.of("squall-local");
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length && !a.equals("--help")) {
                usage("'" + a + "' needs a value");
            }
            switch (a) {
                case "--port" -> port = parsePort(args[++i]);
                case "--local-dir" -> localDir = Path.of(args[++i]);
                case "--dir" -> dataDir = Path.of(args[++i]);
                case "--help" -> {
                    System.out.println("Usage: squall dev-kafka [--port PORT] [--dir DATA_DIR]\n"
                            + "  Runs a single-node Kafka (KRaft) on 127.0.0.1:PORT (default " + DEFAULT_PORT + "),\n"
                            + "  data in DATA_DIR (default <storm.local.dir>/dev-kafka). Topics are created on first use.");
                    return;
                }
                default -> usage("unknown option '" + a + "'");
            }
        }
        String lib = System.getProperty(SERVER_LIB_PROPERTY);
        if (lib == null) {
            usage("the Kafka server jars are not known: run it as 'bin/squall dev-kafka'");
        }
        Path data = dataDir != null ? dataDir : localDir.resolve("dev-kafka");
        LocalKafkaBroker broker;
        try {
            broker = new LocalKafkaBroker(Path.of(lib), data, port,
                    Map.of("auto.create.topics.enable", "true"), "1g", List.of("-XX:+UseG1GC"));
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "stop-dev-kafka"));
        System.out.println("Starting Kafka on " + broker.bootstrapServers() + ", data in " + broker.dataDir() + " ...");
        try {
            broker.start();
        } catch (IllegalStateException e) {
            System.err.println("squall dev-kafka: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("Kafka is up: bootstrap.servers=" + broker.bootstrapServers()
                + " (log: " + broker.dataDir().resolve("broker.log") + "). Ctrl-C stops it.");
        int code = broker.awaitExit();
        System.err.println("squall dev-kafka: Kafka exited with code " + code + "; see "
                + broker.dataDir().resolve("broker.log"));
        System.exit(code == 0 ? 0 : 1);
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("--port needs a port number from 1 to 65535, got '" + s + "'");
        return -1;
    }

    private static void usage(String message) {
        System.err.println("squall dev-kafka: " + message);
        System.exit(2);
    }
}
