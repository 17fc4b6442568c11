package io.squall.topology;

import io.squall.Config;
import io.squall.SquallSubmitter;
import org.yaml.snakeyaml.Yaml;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A base for topology main classes that take their configuration from the command line, as Storm's:
 * {@code -conf file.yaml} merges a YAML file into {@link #conf}; the remaining arguments go to
 * {@link #run}. Subclasses build a topology and call {@link #submit}.
 */
public abstract class ConfigurableTopology {
    /** The configuration, filled from {@code -conf} files before {@link #run}. */
    protected Config conf = new Config();

    /**
     * Parses {@code -conf FILE} options, then calls {@code topology.run} with the other arguments and exits
     * the JVM with its result when that is non-zero.
     */
    public static void start(ConfigurableTopology topology, String[] args) {
        String[] rest = topology.parse(args);
        int rc;
        try {
            rc = topology.run(rest);
        } catch (Exception e) {
            throw new IllegalStateException("Topology " + topology.getClass().getName() + " failed to start", e);
        }
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /**
     * Storm's: reads the YAML file {@code resource} into {@code conf} and returns it. A file whose only key is
     * {@code config}, holding a map, gives that map, so a Flux file's configuration serves as well; an empty file
     * adds nothing.
     *
     * @throws FileNotFoundException when there is no file {@code resource}
     * @throws IllegalArgumentException when the file is not a YAML map, or cannot be read
     */
    @SuppressWarnings("unchecked")
    public static Config loadConf(String resource, Config conf) throws FileNotFoundException {
        Path file = Path.of(resource);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(resource);
        }
        Object loaded;
        try (Reader r = Files.newBufferedReader(file)) {
            loaded = new Yaml().load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read config file " + resource + ": " + e.getMessage(), e);
        }
        if (loaded == null) {
            return conf;
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Config file " + resource + " is not a YAML map of key: value");
        }
        if (map.size() == 1 && map.get("config") instanceof Map<?, ?> inner) {
            map = inner;
        }
        conf.putAll((Map<String, Object>) map);
        return conf;
    }

    /** The configuration. */
    protected Config getConf() {
        return conf;
    }

    /** Builds and submits the topology; returns 0 on success. */
    protected abstract int run(String[] args) throws Exception;

    /** Submits a topology with this configuration merged under {@code conf}; returns 0. */
    protected int submit(String name, Config conf, TopologyBuilder builder) {
        SquallSubmitter.submitTopology(name, conf, builder.createTopology());
        return 0;
    }

    private String[] parse(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-conf")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("-conf needs a YAML file");
                }
                loadConf(Path.of(args[++i]));
            } else {
                rest.add(args[i]);
            }
        }
        return rest.toArray(new String[0]);
    }

    @SuppressWarnings("unchecked")
    private void loadConf(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            Object loaded = new Yaml().load(r);
            if (loaded == null) {
                return;
            }
            if (!(loaded instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("Config file " + file + " is not a YAML map of key: value");
            }
            conf.putAll((Map<String, Object>) loaded);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }
}
