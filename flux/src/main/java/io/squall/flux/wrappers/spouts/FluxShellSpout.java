package io.squall.flux.wrappers.spouts;

import io.squall.flux.wrappers.ShellDeclarations;
import io.squall.spout.ShellSpout;
import io.squall.topology.IRichSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.utils.Utils;

import java.util.List;
import java.util.Map;

/**
 * A spout written in another language for Flux files: a ShellSpout whose command line and output fields are
 * constructor arguments, so YAML needs no Java subclass:
 * {@code constructorArgs: [["python3", "splitsentence.py"], ["word"]]}. Named streams are added with
 * {@code setNamedStream}, component configuration with {@code addComponentConfig}. The script must be in the
 * topology JAR's {@code resources/} folder (see the README's multi-language section).
 */
public class FluxShellSpout extends ShellSpout implements IRichSpout {
    private static final long serialVersionUID = 1L;

    private final ShellDeclarations declarations = new ShellDeclarations();

    /** Runs {@code command}; declare its streams with {@link #setDefaultStream} or {@link #setNamedStream}. */
    public FluxShellSpout(String[] command) {
        super(command);
    }

    /** Runs {@code command}, which emits {@code outputFields} on the default stream. */
    public FluxShellSpout(String[] command, String[] outputFields) {
        this(command);
        setDefaultStream(outputFields);
    }

    /** Sets a key of this component's configuration. */
    public void addComponentConfig(String key, Object value) {
        declarations.config(key, value);
    }

    /** Sets a key of this component's configuration to a list. */
    public void addComponentConfig(String key, List<Object> values) {
        declarations.config(key, values);
    }

    /** Declares the fields of the default stream. */
    public void setDefaultStream(String[] outputFields) {
        setNamedStream(Utils.DEFAULT_STREAM_ID, outputFields);
    }

    /** Declares a stream and its fields. */
    public void setNamedStream(String name, String[] outputFields) {
        declarations.stream(name, outputFields);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarations.declare(declarer);
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return declarations.componentConfiguration();
    }
}
