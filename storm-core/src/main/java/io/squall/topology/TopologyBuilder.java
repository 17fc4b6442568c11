package io.squall.topology;

import io.squall.Constants;
import io.squall.Config;
import io.squall.config.ConfigKeys;
import io.squall.grouping.CustomStreamGrouping;
import io.squall.grouping.PartialKeyGrouping;
import io.squall.hooks.IWorkerHook;
import io.squall.lambda.LambdaBiConsumerBolt;
import io.squall.lambda.LambdaConsumerBolt;
import io.squall.lambda.LambdaSpout;
import io.squall.lambda.SerializableBiConsumer;
import io.squall.lambda.SerializableConsumer;
import io.squall.lambda.SerializableSupplier;
import io.squall.spout.CheckpointSpout;
import io.squall.state.State;
import io.squall.spout.IEventTimeSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.utils.Utils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires spouts and bolts into a topology. {@link #createTopology()} checks the wiring (every subscribed
 * component, stream and grouping field exists), serializes the components and returns an immutable
 * {@link StormTopology}; each mistake is reported with the component and stream it concerns.
 */
public class TopologyBuilder {
    private static final Fields CHECKPOINT_FIELDS = new Fields(CheckpointSpout.CHECKPOINT_FIELD_TXID,
            CheckpointSpout.CHECKPOINT_FIELD_ACTION, CheckpointSpout.CHECKPOINT_FIELD_ATTEMPT);
    private final Map<String, Declared> components = new LinkedHashMap<>();
    private final List<byte[]> workerHooks = new ArrayList<>();

    /**
     * Adds a hook that every worker of the topology starts before its tasks and shuts down after them.
     *
     * @throws IllegalArgumentException if the hook is null (as Storm's)
     * @throws InvalidTopologyException if it cannot be serialized
     */
    public void addWorkerHook(IWorkerHook workerHook) {
        if (workerHook == null) {
            throw new IllegalArgumentException("A worker hook is null");
        }
        workerHooks.add(ComponentSerializer.serialize("worker hook " + workerHook.getClass().getName(), workerHook));
    }

    /** Adds a spout with one executor. */
    public SpoutDeclarer setSpout(String id, IRichSpout spout) {
        return setSpout(id, spout, null);
    }

    /** Adds a spout with {@code parallelismHint} executors. */
    public SpoutDeclarer setSpout(String id, IRichSpout spout, Number parallelismHint) {
        return addSpout(id, spout, parallelismHint);
    }

    /** Adds a bolt with one executor. */
    public BoltDeclarer setBolt(String id, IRichBolt bolt) {
        return setBolt(id, bolt, null);
    }

    /** Adds a bolt with {@code parallelismHint} executors. */
    public BoltDeclarer setBolt(String id, IRichBolt bolt, Number parallelismHint) {
        return addBolt(id, bolt, parallelismHint);
    }

    /** Adds a basic bolt (auto-anchoring, auto-ack) with one executor. */
    public BoltDeclarer setBolt(String id, IBasicBolt bolt) {
        return setBolt(id, bolt, null);
    }

    /** Adds a basic bolt (auto-anchoring, auto-ack) with {@code parallelismHint} executors. */
    public BoltDeclarer setBolt(String id, IBasicBolt bolt, Number parallelismHint) {
        return addBolt(id, new BasicBoltExecutor(requireComponent(id, bolt)), parallelismHint);
    }

    /** Adds a windowed bolt with one executor. */
    public BoltDeclarer setBolt(String id, IWindowedBolt bolt) {
        return setBolt(id, bolt, null);
    }

    /**
     * Adds a windowed bolt with {@code parallelismHint} executors. Its window must fit the topology's
     * message timeout; that is checked at submit.
     */
    public BoltDeclarer setBolt(String id, IWindowedBolt bolt, Number parallelismHint) {
        BoltDeclarer d = addBolt(id, new WindowedBoltExecutor(requireComponent(id, bolt)), parallelismHint);
        if (bolt.getTimestampExtractor() != null) {
            d.addConfiguration(ConfigKeys.TOPOLOGY_BOLTS_EVENT_TIME.name(), true); // Marks it for the watermarks.
        }
        return d;
    }

    /** Adds a stateful bolt with one executor. */
    public <T extends State> BoltDeclarer setBolt(String id, IStatefulBolt<T> bolt) {
        return setBolt(id, bolt, null);
    }

    /**
     * Adds a stateful bolt with {@code parallelismHint} executors. The topology then gets a checkpoint spout
     * ({@link CheckpointSpout#CHECKPOINT_COMPONENT_ID}) and every bolt forwards its checkpoints on
     * {@link CheckpointSpout#CHECKPOINT_STREAM_ID}, as in Storm.
     */
    public <T extends State> BoltDeclarer setBolt(String id, IStatefulBolt<T> bolt, Number parallelismHint) {
        return addBolt(id, new StatefulBoltExecutor<>(requireComponent(id, bolt)), parallelismHint);
    }

    /** Adds a stateful windowed bolt with one executor. */
    public <T extends State> BoltDeclarer setBolt(String id, IStatefulWindowedBolt<T> bolt) {
        return setBolt(id, bolt, null);
    }

    /**
     * Adds a stateful windowed bolt with {@code parallelismHint} executors: a windowed bolt whose state (and, with
     * persistence, whose windows) the topology's checkpoints keep, as for {@link #setBolt(String, IStatefulBolt,
     * Number)}.
     */
    public <T extends State> BoltDeclarer setBolt(String id, IStatefulWindowedBolt<T> bolt, Number parallelismHint) {
        BoltDeclarer d = addBolt(id, new StatefulWindowedBoltExecutor<>(requireComponent(id, bolt)), parallelismHint);
        if (bolt.getTimestampExtractor() != null) {
            d.addConfiguration(ConfigKeys.TOPOLOGY_BOLTS_EVENT_TIME.name(), true); // Marks it for the watermarks.
        }
        return d;
    }

    /**
     * Adds a spout that emits each value {@code supplier} returns, in field {@code lambda} of the default
     * stream, unanchored (Storm 2's lambda spout).
     */
    public SpoutDeclarer setSpout(String id, SerializableSupplier<?> supplier) {
        return setSpout(id, supplier, null);
    }

    /** {@link #setSpout(String, SerializableSupplier)} with {@code parallelismHint} executors. */
    public SpoutDeclarer setSpout(String id, SerializableSupplier<?> supplier, Number parallelismHint) {
        return setSpout(id, new LambdaSpout(requireComponent(id, supplier)), parallelismHint);
    }

    /** Adds a bolt that hands each tuple to {@code consumer} and emits nothing. */
    public BoltDeclarer setBolt(String id, SerializableConsumer<Tuple> consumer) {
        return setBolt(id, consumer, null);
    }

    /** {@link #setBolt(String, SerializableConsumer)} with {@code parallelismHint} executors. */
    public BoltDeclarer setBolt(String id, SerializableConsumer<Tuple> consumer, Number parallelismHint) {
        return setBolt(id, new LambdaConsumerBolt(requireComponent(id, consumer)), parallelismHint);
    }

    /**
     * Adds a basic bolt whose {@code execute(tuple, collector)} is {@code biConsumer}, emitting tuples of
     * {@code fields} on the default stream (no fields: it declares no stream).
     */
    public BoltDeclarer setBolt(String id, SerializableBiConsumer<Tuple, BasicOutputCollector> biConsumer,
                                String... fields) {
        return setBolt(id, biConsumer, null, fields);
    }

    /** {@link #setBolt(String, SerializableBiConsumer, String...)} with {@code parallelismHint} executors. */
    public BoltDeclarer setBolt(String id, SerializableBiConsumer<Tuple, BasicOutputCollector> biConsumer,
                                Number parallelismHint, String... fields) {
        return setBolt(id, new LambdaBiConsumerBolt(requireComponent(id, biConsumer), fields), parallelismHint);
    }

    private Declared add(String id, IComponent component, ComponentSpec.Kind kind, Number parallelismHint) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A component id must be a non-empty string");
        }
        if (id.equals(CheckpointSpout.CHECKPOINT_COMPONENT_ID)) {
            throw new IllegalArgumentException("Component id '" + id + "' is reserved for the checkpoint spout");
        }
        if (id.startsWith("__")) {
            throw new IllegalArgumentException("Component id '" + id + "' is reserved: ids starting with '__' belong to "
                    + "system components");
        }
        requireComponent(id, component);
        if (components.containsKey(id)) {
            throw new IllegalArgumentException("Component id '" + id + "' is used twice: every spout and bolt needs its "
                    + "own id");
        }
        int parallelism = parallelismHint == null ? 1 : parallelismHint.intValue();
        if (parallelismHint != null && parallelismHint.doubleValue() != parallelism || parallelism < 1) {
            throw new IllegalArgumentException("Component '" + id + "' has parallelism hint " + parallelismHint
                    + ": it must be a whole number of at least 1");
        }
        Declared d = new Declared(id, component, kind, parallelism);
        components.put(id, d);
        return d;
    }

    private SpoutDeclarer addSpout(String id, IRichSpout spout, Number parallelismHint) {
        return new SpoutView(add(id, spout, ComponentSpec.Kind.SPOUT, parallelismHint));
    }

    private BoltDeclarer addBolt(String id, IRichBolt bolt, Number parallelismHint) {
        return new BoltView(add(id, bolt, ComponentSpec.Kind.BOLT, parallelismHint));
    }

    private static <T> T requireComponent(String id, T component) {
        if (component == null) {
            throw new IllegalArgumentException("Component '" + id + "' is null");
        }
        return component;
    }

    /**
     * Builds the topology: each component's declared streams, configuration and serialized object. What its
     * subscriptions name is checked at submit, as in Storm.
     *
     * @throws InvalidTopologyException naming the component whose streams or object are wrong (a component that
     *                                  cannot be serialized, a reserved stream name)
     */
    public StormTopology createTopology() {
        Map<String, Map<String, StreamSpec>> outputs = new HashMap<>();
        for (Declared d : components.values()) {
            OutputFieldsGetter getter = new OutputFieldsGetter();
            try {
                d.component.declareOutputFields(getter);
            } catch (InvalidTopologyException e) {
                throw new InvalidTopologyException("Component '" + d.id + "': " + e.getMessage(), e);
            }
            outputs.put(d.id, getter.getFieldsDeclaration());
        }
        Map<String, ComponentSpec> specs = new LinkedHashMap<>();
        boolean checkpointed = isCheckpointed();
        addSystemStreams(outputs);
        for (Declared d : components.values()) {
            Map<String, Object> conf = new LinkedHashMap<>();
            Map<String, Object> own = d.component.getComponentConfiguration();
            if (own != null) {
                conf.putAll(own);
            }
            conf.putAll(d.conf);
            int parallelism = d.parallelism;
            Object max = conf.get(Config.TOPOLOGY_MAX_TASK_PARALLELISM);
            if (max instanceof Number n) {
                parallelism = Math.min(parallelism, n.intValue());
            }
            int numTasks = d.numTasks == null ? parallelism : d.numTasks;
            parallelism = Math.min(parallelism, numTasks);
            byte[] bytes = ComponentSerializer.serialize(d.id, d.component);
            String className = d.component instanceof BasicBoltExecutor b ? b.getBolt().getClass().getName()
                    : d.component instanceof WindowedBoltExecutor w ? w.getBolt().getClass().getName()
                    : d.component instanceof StatefulBoltExecutor<?> st ? st.getBolt().getClass().getName()
                    : d.component instanceof StatefulWindowedBoltExecutor<?> sw ? sw.getBolt().getClass().getName()
                    : d.component.getClass().getName();
            Map<GlobalStreamId, Grouping> inputs = new LinkedHashMap<>(d.inputs);
            Map<String, StreamSpec> streams = new LinkedHashMap<>(outputs.get(d.id));
            if (checkpointed && d.kind == ComponentSpec.Kind.BOLT) {
                addCheckpointStreams(d, inputs, streams);
            }
            specs.put(d.id, new ComponentSpec(d.id, d.kind, bytes, className, parallelism, numTasks, inputs,
                    streams, conf, stateScope(d)));
        }
        if (checkpointed) {
            specs.put(CheckpointSpout.CHECKPOINT_COMPONENT_ID, checkpointSpoutSpec());
        }
        return new StormTopology(specs, workerHooks);
    }

    /**
     * Declares Storm's system stream ({@code __system}, field {@code event}) on each component a bolt subscribes to it
     * of: every Storm component has it, and nothing is sent on it. Subscriptions are checked at submit, as Storm does
     * ({@code io.squall.runtime.TopologyCheck}), so a topology that subscribes to what does not exist builds.
     */
    private void addSystemStreams(Map<String, Map<String, StreamSpec>> outputs) {
        for (Declared d : components.values()) {
            for (GlobalStreamId in : d.inputs.keySet()) {
                Map<String, StreamSpec> source = outputs.get(in.getComponentId());
                if (Constants.SYSTEM_STREAM_ID.equals(in.getStreamId()) && source != null) {
                    Map<String, StreamSpec> withSystem = new LinkedHashMap<>(source);
                    withSystem.putIfAbsent(Constants.SYSTEM_STREAM_ID, new StreamSpec(new Fields("event"), false));
                    outputs.put(in.getComponentId(), withSystem);
                }
            }
        }
    }

    /**
     * A stateful bolt fed only by fields groupings keeps its state by key group (so its task count can change); any
     * other stateful bolt, windowed ones included, by task.
     */
    private static ComponentSpec.StateScope stateScope(Declared d) {
        if (d.component instanceof StatefulWindowedBoltExecutor<?>) {
            return ComponentSpec.StateScope.TASK;
        }
        if (!(d.component instanceof StatefulBoltExecutor<?>)) {
            return ComponentSpec.StateScope.NONE;
        }
        boolean byFields = !d.inputs.isEmpty()
                && d.inputs.values().stream().allMatch(g -> g.getType() == Grouping.Type.FIELDS);
        return byFields ? ComponentSpec.StateScope.KEY_GROUP : ComponentSpec.StateScope.TASK;
    }

    private boolean isCheckpointed() {
        return components.values().stream().anyMatch(d -> d.component instanceof StatefulBoltExecutor<?>
                || d.component instanceof StatefulWindowedBoltExecutor<?>);
    }

    /**
     * Wires a bolt of a topology with stateful bolts into the checkpoint stream, as Storm does: it declares
     * the stream and receives it (all grouping) from each bolt it subscribes to, and from the checkpoint spout
     * if it subscribes to a spout.
     */
    private void addCheckpointStreams(Declared d, Map<GlobalStreamId, Grouping> inputs, Map<String, StreamSpec> streams) {
        if (streams.containsKey(CheckpointSpout.CHECKPOINT_STREAM_ID)) {
            throw new InvalidTopologyException("Component '" + d.id + "' declares stream '"
                    + CheckpointSpout.CHECKPOINT_STREAM_ID + "', which is reserved for checkpoints in a topology with "
                    + "stateful bolts: rename it");
        }
        streams.put(CheckpointSpout.CHECKPOINT_STREAM_ID, new StreamSpec(CHECKPOINT_FIELDS, false));
        for (GlobalStreamId in : d.inputs.keySet()) {
            Declared source = components.get(in.getComponentId());
            if (source == null) {
                continue; // Refused at submit, naming the component.
            }
            String from = source.kind == ComponentSpec.Kind.SPOUT ? CheckpointSpout.CHECKPOINT_COMPONENT_ID : source.id;
            inputs.putIfAbsent(new GlobalStreamId(from, CheckpointSpout.CHECKPOINT_STREAM_ID),
                    Grouping.of(Grouping.Type.ALL));
        }
    }

    private static ComponentSpec checkpointSpoutSpec() {
        CheckpointSpout spout = new CheckpointSpout();
        OutputFieldsGetter getter = new OutputFieldsGetter();
        spout.declareOutputFields(getter);
        return new ComponentSpec(CheckpointSpout.CHECKPOINT_COMPONENT_ID, ComponentSpec.Kind.SPOUT,
                ComponentSerializer.serialize(CheckpointSpout.CHECKPOINT_COMPONENT_ID, spout),
                CheckpointSpout.class.getName(), 1, 1, Map.of(), getter.getFieldsDeclaration(), Map.of());
    }

    /** A component being declared: its inputs and configuration. */
    private static final class Declared {
        final String id;
        final IComponent component;
        final ComponentSpec.Kind kind;
        final int parallelism;
        final Map<GlobalStreamId, Grouping> inputs = new LinkedHashMap<>();
        final Map<String, Object> conf = new LinkedHashMap<>();
        Integer numTasks;

        Declared(String id, IComponent component, ComponentSpec.Kind kind, int parallelism) {
            this.id = id;
            this.component = component;
            this.kind = kind;
            this.parallelism = parallelism;
        }
    }

    /** The configuration methods both declarers share; {@code T} is the declarer type to chain. */
    private abstract static class ConfigView<T extends ComponentConfigurationDeclarer<?>>
            implements ComponentConfigurationDeclarer<T> {
        final Declared d;

        ConfigView(Declared d) {
            this.d = d;
        }

        abstract T self();

        @Override
        public T addConfigurations(Map<String, Object> conf) {
            if (conf != null) {
                conf.forEach(this::addConfiguration);
            }
            return self();
        }

        @Override
        public T addConfiguration(String key, Object value) {
            if (Config.TOPOLOGY_TASKS.equals(key)) {
                if (!(value instanceof Number n)) {
                    throw new InvalidTopologyException("Component '" + d.id + "': " + key + " must be a whole "
                            + "number of at least 1, not " + value);
                }
                return setNumTasks(n); // Storm's setNumTasks is this key in the component's configuration.
            }
            d.conf.put(key, value);
            return self();
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            Map<String, Object> conf = new HashMap<>();
            Map<String, Object> own = d.component.getComponentConfiguration();
            if (own != null) {
                conf.putAll(own);
            }
            conf.putAll(d.conf);
            return io.squall.config.JsonTypes.of(conf);
        }

        @Override
        public T setDebug(boolean debug) {
            return addConfiguration(Config.TOPOLOGY_DEBUG, debug);
        }

        @Override
        public T setMaxTaskParallelism(Number max) {
            return addConfiguration(Config.TOPOLOGY_MAX_TASK_PARALLELISM, max == null ? null : max.intValue());
        }

        @Override
        public T setMaxSpoutPending(Number max) {
            return addConfiguration(Config.TOPOLOGY_MAX_SPOUT_PENDING, max == null ? null : max.intValue());
        }

        @Override
        public T setNumTasks(Number tasks) {
            if (tasks == null || tasks.intValue() < 1 || tasks.doubleValue() != tasks.intValue()) {
                throw new InvalidTopologyException("Component '" + d.id + "' has " + tasks
                        + " tasks: it must be a whole number of at least 1");
            }
            d.numTasks = tasks.intValue();
            return self();
        }
    }

    /** What {@link #setSpout} returns. */
    private static final class SpoutView extends ConfigView<SpoutDeclarer> implements SpoutDeclarer {
        SpoutView(Declared d) {
            super(d);
        }

        @Override
        public SpoutDeclarer withEventTime(String timestampField, java.time.Duration maxOutOfOrder) {
            if (timestampField == null || timestampField.isEmpty()) {
                throw new IllegalArgumentException("Spout '" + d.id + "': withEventTime needs the name of the field "
                        + "holding the event time");
            }
            d.conf.put(ConfigKeys.TOPOLOGY_SPOUT_EVENT_TIME_FIELD.name(), timestampField);
            d.conf.put(ConfigKeys.TOPOLOGY_SPOUT_MAX_OUT_OF_ORDER_MS.name(), millis("max out-of-orderness", maxOutOfOrder, 0));
            return this;
        }

        @Override
        public SpoutDeclarer withEventTime(java.time.Duration maxOutOfOrder) {
            if (!(d.component instanceof IEventTimeSpout)) {
                throw new IllegalArgumentException("Spout '" + d.id + "' (" + d.component.getClass().getName()
                        + ") does not implement IEventTimeSpout: name the field holding the event time with "
                        + "withEventTime(field, maxOutOfOrder), or implement IEventTimeSpout.getEventTime");
            }
            d.conf.remove(ConfigKeys.TOPOLOGY_SPOUT_EVENT_TIME_FIELD.name());
            d.conf.put(ConfigKeys.TOPOLOGY_SPOUT_MAX_OUT_OF_ORDER_MS.name(), millis("max out-of-orderness", maxOutOfOrder, 0));
            return this;
        }

        @Override
        public SpoutDeclarer withWatermarkInterval(java.time.Duration interval) {
            d.conf.put(ConfigKeys.TOPOLOGY_SPOUT_WATERMARK_INTERVAL_MS.name(), millis("watermark interval", interval, 0));
            return this;
        }

        @Override
        public SpoutDeclarer withIdleTimeout(java.time.Duration timeout) {
            d.conf.put(ConfigKeys.TOPOLOGY_WATERMARK_IDLE_TIMEOUT_MS.name(), millis("idle timeout", timeout, 1));
            return this;
        }

        private long millis(String what, java.time.Duration d, long min) {
            if (d == null || d.toMillis() < min) {
                throw new IllegalArgumentException("Spout '" + this.d.id + "': the " + what + " must be at least "
                        + min + " ms, but got " + d);
            }
            return d.toMillis();
        }

        @Override
        SpoutDeclarer self() {
            return this;
        }
    }

    /** What {@link #setBolt} returns. */
    private static final class BoltView extends ConfigView<BoltDeclarer> implements BoltDeclarer {
        BoltView(Declared d) {
            super(d);
        }

        @Override
        BoltDeclarer self() {
            return this;
        }

        @Override
        public BoltDeclarer grouping(GlobalStreamId stream, Grouping grouping) {
            if (d.inputs.containsKey(stream)) {
                throw new InvalidTopologyException("Component '" + d.id + "' subscribes to stream " + stream + " twice");
            }
            d.inputs.put(stream, grouping);
            return this;
        }

        private BoltDeclarer grouping(String componentId, String streamId, Grouping grouping) {
            if (componentId == null) {
                throw new InvalidTopologyException("Component '" + d.id + "' subscribes to a null component id");
            }
            return grouping(new GlobalStreamId(componentId, streamId), grouping);
        }
        @Override
        public BoltDeclarer fieldsGrouping(String componentId, Fields fields) {
            return fieldsGrouping(componentId, Utils.DEFAULT_STREAM_ID, fields);
        }

        @Override
        public BoltDeclarer fieldsGrouping(String componentId, String streamId, Fields fields) {
            if (fields == null || fields.size() == 0) {
                throw new InvalidTopologyException("Component '" + d.id + "' has a fields grouping on " + componentId + ":"
                        + streamId + " without fields");
            }
            return grouping(componentId, streamId, Grouping.fields(fields.toList()));
        }

        @Override
        public BoltDeclarer globalGrouping(String componentId) {
            return globalGrouping(componentId, Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public BoltDeclarer globalGrouping(String componentId, String streamId) {
            return grouping(componentId, streamId, Grouping.of(Grouping.Type.GLOBAL));
        }

        @Override
        public BoltDeclarer shuffleGrouping(String componentId) {
            return shuffleGrouping(componentId, Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public BoltDeclarer shuffleGrouping(String componentId, String streamId) {
            return grouping(componentId, streamId, Grouping.of(Grouping.Type.SHUFFLE));
        }

        @Override
        public BoltDeclarer localOrShuffleGrouping(String componentId) {
            return localOrShuffleGrouping(componentId, Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public BoltDeclarer localOrShuffleGrouping(String componentId, String streamId) {
            return grouping(componentId, streamId, Grouping.of(Grouping.Type.LOCAL_OR_SHUFFLE));
        }

        @Override
        public BoltDeclarer noneGrouping(String componentId) {
            return noneGrouping(componentId, Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public BoltDeclarer noneGrouping(String componentId, String streamId) {
            return grouping(componentId, streamId, Grouping.of(Grouping.Type.NONE));
        }

        @Override
        public BoltDeclarer allGrouping(String componentId) {
            return allGrouping(componentId, Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public BoltDeclarer allGrouping(String componentId, String streamId) {
            return grouping(componentId, streamId, Grouping.of(Grouping.Type.ALL));
        }

        @Override
        public BoltDeclarer directGrouping(String componentId) {
            return directGrouping(componentId, Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public BoltDeclarer directGrouping(String componentId, String streamId) {
            return grouping(componentId, streamId, Grouping.of(Grouping.Type.DIRECT));
        }

        @Override
        public BoltDeclarer partialKeyGrouping(String componentId, Fields fields) {
            return partialKeyGrouping(componentId, Utils.DEFAULT_STREAM_ID, fields);
        }

        @Override
        public BoltDeclarer partialKeyGrouping(String componentId, String streamId, Fields fields) {
            if (fields == null || fields.size() == 0) {
                throw new InvalidTopologyException("Component '" + d.id + "' has a partial key grouping on "
                        + componentId + ":" + streamId + " without fields");
            }
            return customGrouping(componentId, streamId, new PartialKeyGrouping(fields));
        }

        @Override
        public BoltDeclarer customGrouping(String componentId, CustomStreamGrouping grouping) {
            return customGrouping(componentId, Utils.DEFAULT_STREAM_ID, grouping);
        }

        @Override
        public BoltDeclarer customGrouping(String componentId, String streamId, CustomStreamGrouping grouping) {
            if (grouping == null) {
                throw new InvalidTopologyException("Component '" + d.id + "' has a null custom grouping");
            }
            return grouping(componentId, streamId, Grouping.custom(grouping));
        }
    }
}
