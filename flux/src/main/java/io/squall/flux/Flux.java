package io.squall.flux;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.SquallSubmitter;
import io.squall.errors.SquallException;
import io.squall.flux.model.ExecutionContext;
import io.squall.flux.model.TopologyDef;
import io.squall.flux.parser.FluxParser;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.StormTopology;
import io.squall.topology.SubmitOptions;
import io.squall.topology.TopologyInitialStatus;
import io.squall.utils.Utils;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Storm's Flux command line: reads a topology from YAML, prints it, and runs it in this JVM ({@code --local}, for
 * {@code --sleep} ms), submits it ({@code --remote}, or no mode: through {@link SquallSubmitter}, so that
 * {@code bin/squall jar} sends it to the cluster and {@code bin/squall local} runs it here), or only checks it
 * ({@code --dry-run}). Run it as {@code bin/squall jar my-topology.jar io.squall.flux.Flux --local my_config.yaml}.
 * A definition that cannot be read, built or started ends the program with status 1 and one message on standard
 * error that says what is wrong; bad options end it with status 2.
 */
public final class Flux {
    /** How long {@code --local} runs a topology unless {@code --sleep} says otherwise, as in Storm. */
    public static final long DEFAULT_LOCAL_SLEEP_MS = 60_000;
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String USAGE_LINE = "squall jar <my_topology_uber_jar.jar> io.squall.flux.Flux [options] "
            + "<topology-config.yaml>";

    private Flux() {
    }

    /** Runs the command line; exits with a non-zero status on failure, returns otherwise. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs the command line, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options = options();
        CommandLine cmd;
        try {
            cmd = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            err.println("flux: " + e.getMessage());
            usage(options, err);
            return USAGE;
        }
        if (cmd.hasOption("help")) {
            usage(options, out);
            return OK;
        }
        if (cmd.getArgs().length != 1) {
            err.println("flux: " + (cmd.getArgs().length == 0 ? "no topology YAML file given"
                    : "one topology YAML file expected, got " + String.join(" ", cmd.getArgs())));
            usage(options, err);
            return USAGE;
        }
        if (cmd.hasOption("local") && cmd.hasOption("remote")) {
            err.println("flux: --local and --remote exclude each other; pick one");
            return USAGE;
        }
        try {
            return runTopology(cmd, out, err);
        } catch (SquallException e) {
            err.println("flux: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("flux: cannot read: " + e.getMessage());
            return FAILED;
        } catch (ReflectiveOperationException e) { // Declared by Storm's FluxBuilder; Squall's reports FluxException.
            err.println("flux: " + e);
            return FAILED;
        } catch (NumberFormatException e) {
            err.println("flux: --sleep needs a number of milliseconds: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            err.println("flux: " + e + (e.getCause() == null ? "" : ", caused by " + e.getCause()));
            return FAILED;
        }
    }

    private static int runTopology(CommandLine cmd, PrintStream out, PrintStream err)
            throws IOException, ReflectiveOperationException {
        if (!cmd.hasOption("no-splash")) {
            out.println("Squall Flux: topologies from YAML (Storm's Flux)");
        }
        String path = cmd.getArgs()[0];
        boolean resource = cmd.hasOption("resource");
        Properties properties = FluxParser.parseProperties(cmd.getOptionValue("filter"), resource);
        boolean env = cmd.hasOption("env-filter");
        boolean dump = cmd.hasOption("dump-yaml");
        TopologyDef def;
        if (resource) {
            out.println("Parsing classpath resource: " + path);
            def = FluxParser.parseResource(path, dump, true, properties, env);
        } else {
            out.println("Parsing file: " + new java.io.File(path).getAbsolutePath());
            def = FluxParser.parseFile(path, dump, true, properties, env);
        }
        Config conf = FluxBuilder.buildConfig(def);
        StormTopology topology = FluxBuilder.buildTopology(new ExecutionContext(def, conf));
        if (!cmd.hasOption("no-detail")) {
            printDetails(def.getName(), topology, out);
        }
        if (cmd.hasOption("dry-run")) {
            out.println("Not running or submitting topology '" + def.getName() + "' (--dry-run): it is valid.");
            return OK;
        }
        boolean inactive = cmd.hasOption("inactive");
        if (cmd.hasOption("local")) {
            long sleepMs = cmd.hasOption("sleep") ? Long.parseLong(cmd.getOptionValue("sleep"))
                    : DEFAULT_LOCAL_SLEEP_MS;
            return runLocal(def.getName(), conf, topology, inactive, sleepMs, out, err);
        }
        submit(def.getName(), conf, topology, inactive, out);
        return OK;
    }

    private static int runLocal(String name, Config conf, StormTopology topology, boolean inactive, long sleepMs,
                                PrintStream out, PrintStream err) {
        try (LocalCluster cluster = new LocalCluster()) {
            SubmitOptions options = new SubmitOptions(inactive ? TopologyInitialStatus.INACTIVE
                    : TopologyInitialStatus.ACTIVE);
            cluster.submitTopologyWithOpts(name, conf, topology, options);
            out.println("Running topology '" + name + "' in local mode for " + sleepMs + " ms"
                    + (inactive ? " (inactive)" : ""));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sleepMs);
            Throwable failure = null;
            while (failure == null && deadline - System.nanoTime() > 0) {
                LockSupport.parkNanos(Math.min(POLL_NANOS, Math.max(0, deadline - System.nanoTime())));
                failure = cluster.getTopologyFailure(name);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
            if (failure != null) {
                err.println("flux: topology '" + name + "' failed: " + failure.getMessage());
                return FAILED;
            }
            cluster.killTopology(name);
            out.println("Killed topology '" + name + "' after " + sleepMs + " ms; local cluster shut down.");
            return OK;
        }
    }

    private static void submit(String name, Config conf, StormTopology topology, boolean inactive, PrintStream out) {
        // INACTIVE: submitted with its spouts deactivated, so none emits before an activate (Storm's --inactive).
        SquallSubmitter.submitTopology(name, conf, topology, new SubmitOptions(inactive
                ? TopologyInitialStatus.INACTIVE : TopologyInitialStatus.ACTIVE));
        out.println("Submitted topology '" + name + "'" + (inactive ? " (inactive)" : ""));
    }

    /** Prints the topology as built: each spout and bolt with its parallelism and class, then the streams. */
    static void printDetails(String name, StormTopology topology, PrintStream out) {
        out.println("---------- TOPOLOGY DETAILS ----------");
        out.println("Topology Name: " + name);
        out.println("--------------- SPOUTS ---------------");
        for (ComponentSpec s : topology.getSpouts()) {
            out.println(component(s));
        }
        out.println("---------------- BOLTS ---------------");
        for (ComponentSpec b : topology.getBolts()) {
            out.println(component(b));
        }
        out.println("--------------- STREAMS ---------------");
        for (ComponentSpec b : topology.getBolts()) {
            for (Map.Entry<GlobalStreamId, Grouping> in : b.getInputs().entrySet()) {
                String stream = in.getKey().getStreamId();
                out.println(in.getKey().getComponentId()
                        + (Utils.DEFAULT_STREAM_ID.equals(stream) ? "" : " [" + stream + "]")
                        + " --" + grouping(in.getValue()) + "--> " + b.getId());
            }
        }
        out.println("--------------------------------------");
    }

    private static String component(ComponentSpec c) {
        String tasks = c.getNumTasks() == c.getParallelism() ? "" : ", " + c.getNumTasks() + " tasks";
        return c.getId() + " [" + c.getParallelism() + tasks + "] (" + c.getClassName() + ")";
    }

    private static String grouping(Grouping g) {
        return g.getType() == Grouping.Type.FIELDS ? "FIELDS" + g.getFields() : g.getType().toString();
    }

    private static void usage(Options options, PrintStream to) {
        PrintWriter w = new PrintWriter(to);
        new HelpFormatter().printHelp(w, 110, USAGE_LINE, "", options, 1, 3, "");
        w.flush();
    }

    private static Options options() {
        Options o = new Options();
        o.addOption(flag("h", "help", "Print this help message"));
        o.addOption(flag("l", "local", "Run the topology in a local cluster in this JVM, for --sleep ms"));
        o.addOption(flag("r", "remote", "Submit the topology to the cluster (what bin/squall jar does anyway)"));
        o.addOption(flag("R", "resource", "Treat the supplied path as a classpath resource instead of a file"));
        o.addOption(Option.builder("s").longOpt("sleep").hasArg().argName("ms")
                .desc("With --local, how long to run the topology before killing it (default "
                        + DEFAULT_LOCAL_SLEEP_MS + ")").build());
        o.addOption(flag("d", "dry-run", "Do not run or deploy the topology: build, validate and print it"));
        o.addOption(flag("q", "no-detail", "Suppress the printing of topology details"));
        o.addOption(flag("n", "no-splash", "Suppress the printing of the splash line"));
        o.addOption(flag("i", "inactive", "Deploy the topology, but do not activate it"));
        o.addOption(Option.builder("z").longOpt("zookeeper").hasArg().argName("host:port")
                .desc("Ignored (Squall's local mode needs no ZooKeeper)").build());
        o.addOption(Option.builder("f").longOpt("filter").hasArg().argName("file")
                .desc("Perform property substitution: replace ${name} with the value of name in this "
                        + "properties file").build());
        o.addOption(flag("e", "env-filter", "Perform environment variable substitution: replace ${ENV-NAME} with "
                + "the value of the environment variable NAME"));
        o.addOption(Option.builder().longOpt("dump-yaml").desc("Print the YAML after substitution").build());
        return o;
    }

    private static Option flag(String shortName, String longName, String description) {
        return Option.builder(shortName).longOpt(longName).desc(description).build();
    }
}
