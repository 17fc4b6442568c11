package io.squall.flux.parser;

import io.squall.flux.api.FluxException;
import io.squall.flux.model.BoltDef;
import io.squall.flux.model.GroupingDef;
import io.squall.flux.model.IncludeDef;
import io.squall.flux.model.SpoutDef;
import io.squall.flux.model.StreamDef;
import io.squall.flux.model.TopologyDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Flux YAML into a {@link TopologyDef}, with Storm's entry points: the {@code ${...}} substitution is done on
 * the text first (see {@code --filter} and {@code --env-filter}), then the YAML is parsed, the {@code includes} are
 * merged (one level, as in Storm) and the whole is checked: a name, a spout, streams between defined components,
 * a grouping that has what it needs. Every problem is a {@link FluxException} naming the file and the place.
 * Stateless and thread-safe.
 */
public final class FluxParser {
    private static final Logger LOG = LoggerFactory.getLogger(FluxParser.class);

    private FluxParser() {
    }

    /** Parses the file {@code inputFile}; with {@code processIncludes} merges its includes and checks the result. */
    public static TopologyDef parseFile(String inputFile, boolean dumpYaml, boolean processIncludes,
                                        Properties properties, boolean envSub) throws IOException {
        Path path = Path.of(inputFile);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FluxException("Flux file '" + inputFile + "' (" + path.toAbsolutePath() + ") does not exist; "
                    + "check the path, or pass --resource to read it from the classpath");
        }
        return parse(text, path.toString(), dumpYaml, processIncludes, properties, envSub);
    }

    /** Parses the classpath resource {@code resource} (as Storm, a leading '/' is allowed). */
    public static TopologyDef parseResource(String resource, boolean dumpYaml, boolean processIncludes,
                                            Properties properties, boolean envSub) throws IOException {
        try (InputStream in = openResource(resource)) {
            if (in == null) {
                throw new FluxException("Flux resource '" + resource + "' is not on the classpath; check its name "
                        + "and that the topology JAR holds it, or drop --resource to read a file");
            }
            return parse(read(in), "resource " + resource, dumpYaml, processIncludes, properties, envSub);
        }
    }

    /** Parses YAML from {@code inputStream}, which stays open. */
    public static TopologyDef parseInputStream(InputStream inputStream, boolean dumpYaml, boolean processIncludes,
                                               Properties properties, boolean envSub) throws IOException {
        if (inputStream == null) {
            throw new FluxException("No Flux YAML to read: the input stream is null");
        }
        return parse(read(inputStream), "input", dumpYaml, processIncludes, properties, envSub);
    }

    /** The properties of {@code propertiesFile} (a classpath resource with {@code resource}), or null if null. */
    public static Properties parseProperties(String propertiesFile, boolean resource) throws IOException {
        if (propertiesFile == null) {
            return null;
        }
        Properties properties = new Properties();
        if (resource) {
            try (InputStream in = openResource(propertiesFile)) {
                if (in == null) {
                    throw new FluxException("Properties resource '" + propertiesFile + "' is not on the classpath");
                }
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } else {
            Path path = Path.of(propertiesFile);
            if (!Files.isRegularFile(path)) {
                throw new FluxException("Properties file '" + propertiesFile + "' (" + path.toAbsolutePath()
                        + ") does not exist; check the path given to --filter");
            }
            try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static TopologyDef parse(String text, String source, boolean dumpYaml, boolean processIncludes,
                                     Properties properties, boolean envSub) throws IOException {
        String filtered = Substitution.apply(text, properties, envSub, System.getenv());
        if (dumpYaml) {
            System.out.println("Configuration (interpreted): \n" + filtered);
        }
        TopologyDef def = new DefinitionReader(source).read(load(filtered, source));
        if (processIncludes) {
            for (IncludeDef include : def.getIncludes()) {
                merge(def, include, source, properties, envSub);
            }
            validate(def, source);
        }
        return def;
    }

    private static Object load(String text, String source) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try {
            return yaml.load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String what = (e.getContext() == null ? "" : e.getContext() + ": ")
                    + (e.getProblem() == null ? e.getMessage() : e.getProblem());
            throw new FluxException(source + ": invalid YAML" + where + ": " + what
                    + (mark == null ? "" : "\n" + mark.get_snippet()));
        } catch (YAMLException e) {
            throw new FluxException(source + ": invalid YAML: " + e.getMessage());
        }
    }

    private static void merge(TopologyDef def, IncludeDef include, String source, Properties properties,
                              boolean envSub) throws IOException {
        LOG.info("Loading include {} {}", include.isResource() ? "resource" : "file", include.getFile());
        TopologyDef inc;
        try {
            inc = include.isResource()
                    ? parseResource(include.getFile(), false, false, properties, envSub)
                    : parseFile(include.getFile(), false, false, properties, envSub);
        } catch (FluxException e) {
            throw new FluxException(source + ": in include '" + include.getFile() + "': " + e.getMessage(), e);
        }
        boolean override = include.isOverride();
        if (inc.getName() != null) {
            def.setName(inc.getName(), override);
        }
        Map<String, Object> config = new LinkedHashMap<>(def.getConfig());
        inc.getConfig().forEach((k, v) -> {
            if (override || !config.containsKey(k)) {
                config.put(k, v);
            } else {
                LOG.warn("Ignoring the include's topology config '{}' (override is false)", k);
            }
        });
        def.setConfig(config);
        def.addAllComponents(inc.getComponents(), override);
        def.addAllSpouts(inc.getSpouts(), override);
        def.addAllBolts(inc.getBolts(), override);
        def.addAllStreams(inc.getStreams(), override);
        def.addAllWorkerHooks(inc.getWorkerHooks(), override);
        if (inc.getTopologySource() != null && (override || def.getTopologySource() == null)) {
            def.setTopologySource(inc.getTopologySource());
        }
    }

    /** Checks what the builder relies on, so that errors name the YAML rather than a reflective failure. */
    private static void validate(TopologyDef def, String source) {
        if (def.getName() == null || def.getName().isBlank()) {
            throw new FluxException(source + ": the topology has no 'name'; add a line such as name: \"my-topology\"");
        }
        boolean dsl = !def.getSpouts().isEmpty() || !def.getBolts().isEmpty() || !def.getStreams().isEmpty();
        if (!def.isDslTopology()) {
            if (dsl) {
                throw new FluxException(source + ": defines both a topologySource and spouts, bolts or streams; "
                        + "use one or the other (spouts, bolts and streams cannot be defined in the same "
                        + "configuration as a topologySource)");
            }
            return;
        }
        if (def.getSpouts().isEmpty()) {
            throw new FluxException(source + ": defines no spouts; add a 'spouts' section (or a 'topologySource')");
        }
        Set<String> spoutIds = def.getSpouts().stream().map(SpoutDef::getId).collect(Collectors.toSet());
        Set<String> boltIds = def.getBolts().stream().map(BoltDef::getId).collect(Collectors.toSet());
        Set<String> both = new HashSet<>(spoutIds);
        both.retainAll(boltIds);
        if (!both.isEmpty()) {
            throw new FluxException(source + ": " + both + " is both a spout and a bolt id; ids must be unique");
        }
        for (int i = 0; i < def.getStreams().size(); i++) {
            StreamDef s = def.getStreams().get(i);
            String where = "streams[" + i + "]" + (s.getName() == null ? "" : " '" + s.getName() + "'");
            if (!spoutIds.contains(s.getFrom()) && !boltIds.contains(s.getFrom())) {
                throw new FluxException(source + ": " + where + ": from '" + s.getFrom() + "' is not a spout or "
                        + "bolt id; the spouts are " + spoutIds + ", the bolts " + boltIds);
            }
            if (!boltIds.contains(s.getTo())) {
                throw new FluxException(source + ": " + where + ": to '" + s.getTo() + "' is not a bolt id"
                        + (spoutIds.contains(s.getTo()) ? " (it is a spout, which cannot receive)" : "")
                        + "; the bolts are " + boltIds);
            }
            GroupingDef g = s.getGrouping();
            boolean needsFields = g.getType() == GroupingDef.Type.FIELDS || g.getType() == GroupingDef.Type.PARTIAL_KEY;
            if (needsFields && g.getArgs().isEmpty()) {
                throw new FluxException(source + ": " + where + ": a " + g.getType() + " grouping needs the field "
                        + "names in 'args', e.g. args: [\"word\"]");
            }
            if (g.getType() == GroupingDef.Type.CUSTOM && g.getCustomClass() == null) {
                throw new FluxException(source + ": " + where + ": a CUSTOM grouping needs a 'customClass' "
                        + "(className and constructorArgs of a CustomStreamGrouping)");
            }
        }
    }

    private static InputStream openResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(name);
        return in != null ? in : FluxParser.class.getClassLoader().getResourceAsStream(name);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
