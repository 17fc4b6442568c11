package io.squall.flux.wrappers.bolts;

import io.squall.task.ShellBolt;
import io.squall.topology.IRichBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;
import io.squall.utils.Utils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * a bolt written in another language for Flux files: a ShellBolt whose command line and output fields are
 * constructor arguments, so YAML needs no Java subclass:
 * {@code constructorArgs: [["python3", "splitsentence.py"], ["word"]]}. Named streams are added with
 * {@code setNamedStream}, component configuration with {@code addComponentConfig}. The script must be in the
 * topology JAR's {@code resources/} folder (see the README's multi-language section).
 */
public class FluxShellBolt extends ShellBolt implements IRichBolt {
    private static final long serialVersionUID = 1L;

    private final Map<String, String[]> outputFields = new LinkedHashMap<>();
    private final Map<String, Object> componentConfig = new HashMap<>();

    /** Runs {@code command}; declare its streams with {@link #setDefaultStream} or {@link #setNamedStream}. */
    public FluxShellBolt(String[] command) {
        super(command);
    }

    /** Runs {@code command}, which emits {@code outputFields} on the default stream. */
    public FluxShellBolt(String[] command, String[] outputFields) {
        this(command);
        setDefaultStream(outputFields);
    }

    /** Sets a key of this component's configuration. */
    public void addComponentConfig(String key, Object value) {
        componentConfig.put(key, value);
    }

    /** Sets a key of this component's configuration to a list. */
    public void addComponentConfig(String key, List<Object> values) {
        componentConfig.put(key, new ArrayList<>(values));
    }

    /** Declares the fields of the default stream. */
    public void setDefaultStream(String[] outputFields) {
        setNamedStream(Utils.DEFAULT_STREAM_ID, outputFields);
    }

    /** Declares a stream and its fields. */
    public void setNamedStream(String name, String[] outputFields) {
        this.outputFields.put(name, outputFields.clone());
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        outputFields.forEach((stream, fields) -> declarer.declareStream(stream, new Fields(fields)));
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return componentConfig.isEmpty() ? null : new HashMap<>(componentConfig);
    }
}
