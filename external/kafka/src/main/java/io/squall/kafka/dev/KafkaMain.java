package io.squall.kafka.dev;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of a {@link LocalKafkaBroker}'s child JVM: formats the data directory when it is new, then runs
 * Kafka's own {@code kafka.Kafka} main, in one JVM (a second JVM just to format would double the start time). The
 * Kafka server classes are reached by reflection: they are on the child's classpath only.
 * Arguments: {@code server.properties clusterId}.
 */
public final class KafkaMain {
    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: KafkaMain SERVER_PROPERTIES CLUSTER_ID");
            System.exit(2);
        }
        String props = args[0];
        Path logDirs = Path.of(logDirs(props));
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            Class<?> tool = Class.forName("kafka.tools.StorageTool$");
            Object module = tool.getField("MODULE$").get(null);
            Method execute = tool.getMethod("execute", String[].class, PrintStream.class);
            Object code = invoke(execute, module, new String[] {"format", "-t", args[1], "-c", props,
                "--ignore-formatted"}, System.out);
            if (code instanceof Integer c && c != 0) {
                System.err.println("Formatting " + logDirs + " failed with code " + c);
                System.exit(1);
            }
        }
        invoke(Class.forName("kafka.Kafka").getMethod("main", String[].class), null, (Object) new String[] {props});
    }

    private static Object invoke(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static String logDirs(String propsFile) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of(propsFile))) {
            p.load(in);
        }
        return p.getProperty("log.dirs");
    }
}
