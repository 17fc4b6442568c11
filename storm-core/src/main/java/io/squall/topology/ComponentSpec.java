package io.squall.topology;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One spout or bolt of a topology as submitted: the Java-serialized component object, how many
 * executors and tasks run it, what it subscribes to and what it declares. Immutable.
 */
public final class ComponentSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether the component is a source or an operator. */
    public enum Kind { SPOUT, BOLT }

    /**
     * How a component's state is kept in checkpoints, which decides what a rebalance may change: a stateless
     * component's executors (up to its tasks); a {@code TASK}-scoped one's executors, whose tasks and so task ids
     * must stay; a {@code KEY_GROUP}-scoped one's tasks too (a stateful bolt fed only by fields groupings, whose
     * state is kept by key group, see {@code topology.state.key.groups}).
     */
    public enum StateScope { NONE, TASK, KEY_GROUP }

    private final String id;
    private final Kind kind;
    private final byte[] serializedObject;
    private final String className;
    private final int parallelism;
    private final int numTasks;
    private final Map<GlobalStreamId, Grouping> inputs;
    private final Map<String, StreamSpec> outputs;
    private final Map<String, Object> config;
    /** Null in topologies serialized before the field existed: read as {@link StateScope#NONE}. */
    private final StateScope stateScope;

    /** A component; maps are copied and kept in their iteration order. */
    public ComponentSpec(String id, Kind kind, byte[] serializedObject, String className, int parallelism,
                         int numTasks, Map<GlobalStreamId, Grouping> inputs, Map<String, StreamSpec> outputs,
                         Map<String, Object> config) {
        this(id, kind, serializedObject, className, parallelism, numTasks, inputs, outputs, config, StateScope.NONE);
    }

    /** A component whose state is kept in checkpoints as {@code stateScope} says. */
    public ComponentSpec(String id, Kind kind, byte[] serializedObject, String className, int parallelism,
                         int numTasks, Map<GlobalStreamId, Grouping> inputs, Map<String, StreamSpec> outputs,
                         Map<String, Object> config, StateScope stateScope) {
        this.stateScope = stateScope;
        this.id = id;
        this.kind = kind;
        this.serializedObject = serializedObject;
        this.className = className;
        this.parallelism = parallelism;
        this.numTasks = numTasks;
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    public String getId() {
        return id;
    }

    public Kind getKind() {
        return kind;
    }

    /** The component object's class name. */
    public String getClassName() {
        return className;
    }

    /** Number of executors (threads). */
    public int getParallelism() {
        return parallelism;
    }

    /** Number of tasks, at least the parallelism. */
    public int getNumTasks() {
        return numTasks;
    }

    /** The streams this component subscribes to and how each is grouped. */
    public Map<GlobalStreamId, Grouping> getInputs() {
        return inputs;
    }

    /**
     * Of {@code inputs}, the streams of users' components: not the system's ({@code __tick}, {@code __system}, ...)
     * nor the checkpoint stream ({@code $checkpoint}), which the runtime adds.
     */
    public static List<GlobalStreamId> userInputs(Collection<GlobalStreamId> inputs) {
        return inputs.stream().filter(ComponentSpec::isUserInput).toList();
    }

    /** Whether a stream is a user's component's, not the system's nor the checkpoint stream. */
    public static boolean isUserInput(GlobalStreamId input) {
        return !isSystem(input.get_componentId()) && !isSystem(input.get_streamId());
    }

    private static boolean isSystem(String id) {
        return id.startsWith("__") || id.startsWith("$");
    }

    /** The streams this component declares, by stream id. */
    public Map<String, StreamSpec> getOutputs() {
        return outputs;
    }

    /** How the component's state is kept in checkpoints. */
    public StateScope getStateScope() {
        return stateScope == null ? StateScope.NONE : stateScope;
    }

    /** Configuration for this component only, overriding the topology's. */
    public Map<String, Object> getConfig() {
        return config;
    }

    /** The component object, Java-serialized (a copy). */
    public byte[] serializedObject() {
        return serializedObject.clone();
    }

    /**
     * A fresh copy of the component object, as each task gets one.
     *
     * @param loader the class loader of the topology's code
     */
    public Object newInstance(ClassLoader loader) {
        try (InputStream in = new ByteArrayInputStream(serializedObject);
             ObjectInputStream ois = new LoaderObjectInputStream(in, loader)) {
            return ois.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new InvalidTopologyException("Cannot deserialize component '" + id + "' (" + className + "): " + e, e);
        }
    }

    /** Resolves classes through the topology's class loader rather than the caller's. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
