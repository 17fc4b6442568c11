package io.squall.drpc;

import io.squall.Config;
import io.squall.ILocalDRPC;
import io.squall.config.JsonTypes;
import io.squall.coordination.IBatchBolt;
import io.squall.grouping.CustomStreamGrouping;
import io.squall.topology.BaseConfigurationDeclarer;
import io.squall.topology.BoltDeclarer;
import io.squall.topology.IBasicBolt;
import io.squall.topology.IComponent;
import io.squall.topology.IRichBolt;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.OutputFieldsGetter;
import io.squall.topology.StormTopology;
import io.squall.topology.StreamSpec;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.utils.Utils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A DRPC function as a chain of bolts: the first gets {@code [request-id, args]} per request, each passes tuples
 * starting with the request id to the next, and the last emits {@code [request-id, result]}. Every bolt knows when
 * it has all tuples of a request (see {@link CoordinatedBolt}), so an {@link IBatchBolt} can aggregate a request
 * in {@code finishBatch}; the request completes when every bolt has finished it, and fails (the client gets a
 * {@code DRPCExecutionException}) when any tuple of it fails. Group the last bolt's input by the request id (as
 * {@code fieldsGrouping(new Fields("id"))}): the task that gets a request's id finishes it.
 *
 * <pre>{@code
 * LinearDRPCTopologyBuilder builder = new LinearDRPCTopologyBuilder("reach");
 * builder.addBolt(new GetTweeters(), 4);
 * builder.addBolt(new GetFollowers(), 12).shuffleGrouping();
 * builder.addBolt(new PartialUniquer(), 6).fieldsGrouping(new Fields("id", "follower"));
 * builder.addBolt(new CountAggregator(), 3).fieldsGrouping(new Fields("id"));
 * cluster.submitTopology("reach", conf, builder.createLocalTopology(drpc));
 * }</pre>
 */
public class LinearDRPCTopologyBuilder {
    private static final String SPOUT = "drpc-spout";
    private static final String PREPARE = "prepare-request";
    private static final String JOIN = "join-result";
    private static final String RETURN = "return-results";

    private final String function;
    private final List<Component> components = new ArrayList<>();

    private static final class Component extends BaseConfigurationDeclarer<LinearDRPCInputDeclarer>
            implements LinearDRPCInputDeclarer {
        final Object bolt;
        final int parallelism;
        final List<Consumer<BoltDeclarer>> groupings = new ArrayList<>();
        final Map<String, Object> conf = new HashMap<>();
        String upstream;

        Component(Object bolt, int parallelism) {
            this.bolt = bolt;
            this.parallelism = parallelism;
        }

        private LinearDRPCInputDeclarer grouping(Consumer<BoltDeclarer> g) {
            groupings.add(g);
            return this;
        }

        @Override
        public LinearDRPCInputDeclarer fieldsGrouping(Fields fields) {
            return fieldsGrouping(Utils.DEFAULT_STREAM_ID, fields);
        }

        @Override
        public LinearDRPCInputDeclarer fieldsGrouping(String streamId, Fields fields) {
            return grouping(d -> d.fieldsGrouping(upstream, streamId, fields));
        }

        @Override
        public LinearDRPCInputDeclarer globalGrouping() {
            return globalGrouping(Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public LinearDRPCInputDeclarer globalGrouping(String streamId) {
            return grouping(d -> d.globalGrouping(upstream, streamId));
        }

        @Override
        public LinearDRPCInputDeclarer shuffleGrouping() {
            return shuffleGrouping(Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public LinearDRPCInputDeclarer shuffleGrouping(String streamId) {
            return grouping(d -> d.shuffleGrouping(upstream, streamId));
        }

        @Override
        public LinearDRPCInputDeclarer localOrShuffleGrouping() {
            return localOrShuffleGrouping(Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public LinearDRPCInputDeclarer localOrShuffleGrouping(String streamId) {
            return grouping(d -> d.localOrShuffleGrouping(upstream, streamId));
        }

        @Override
        public LinearDRPCInputDeclarer noneGrouping() {
            return noneGrouping(Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public LinearDRPCInputDeclarer noneGrouping(String streamId) {
            return grouping(d -> d.noneGrouping(upstream, streamId));
        }

        @Override
        public LinearDRPCInputDeclarer allGrouping() {
            return allGrouping(Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public LinearDRPCInputDeclarer allGrouping(String streamId) {
            return grouping(d -> d.allGrouping(upstream, streamId));
        }

        @Override
        public LinearDRPCInputDeclarer directGrouping() {
            return directGrouping(Utils.DEFAULT_STREAM_ID);
        }

        @Override
        public LinearDRPCInputDeclarer directGrouping(String streamId) {
            return grouping(d -> d.directGrouping(upstream, streamId));
        }

        @Override
        public LinearDRPCInputDeclarer partialKeyGrouping(Fields fields) {
            return partialKeyGrouping(Utils.DEFAULT_STREAM_ID, fields);
        }

        @Override
        public LinearDRPCInputDeclarer partialKeyGrouping(String streamId, Fields fields) {
            return grouping(d -> d.partialKeyGrouping(upstream, streamId, fields));
        }

        @Override
        public LinearDRPCInputDeclarer customGrouping(CustomStreamGrouping grouping) {
            return customGrouping(Utils.DEFAULT_STREAM_ID, grouping);
        }

        @Override
        public LinearDRPCInputDeclarer customGrouping(String streamId, CustomStreamGrouping grouping) {
            return grouping(d -> d.customGrouping(upstream, streamId, grouping));
        }

        @Override
        public LinearDRPCInputDeclarer addConfigurations(Map<String, Object> more) {
            conf.putAll(more);
            return this;
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            Map<String, Object> all = new HashMap<>();
            Map<String, Object> own = ((IComponent) bolt).getComponentConfiguration();
            if (own != null) {
                all.putAll(own);
            }
            all.putAll(conf);
            all.remove(Config.TOPOLOGY_TASKS);
            return JsonTypes.of(all);
        }
    }

    /** A builder of the topology of DRPC function {@code function}. */
    public LinearDRPCTopologyBuilder(String function) {
        if (function == null || function.isEmpty()) {
            throw new IllegalArgumentException("A DRPC topology needs a function name");
        }
        this.function = function;
    }

    /** Adds the next batch bolt, in {@code parallelism} tasks. */
    public LinearDRPCInputDeclarer addBolt(IBatchBolt<?> bolt, Number parallelism) {
        return add(bolt, parallelism);
    }

    /** Adds the next basic bolt, in {@code parallelism} tasks. */
    public LinearDRPCInputDeclarer addBolt(IBasicBolt bolt, Number parallelism) {
        return add(bolt, parallelism);
    }

    /** Adds the next rich bolt (it acks its tuples itself), in {@code parallelism} tasks. */
    public LinearDRPCInputDeclarer addBolt(IRichBolt bolt, Number parallelism) {
        return add(bolt, parallelism);
    }

    /** Adds the next batch bolt, in one task. */
    public LinearDRPCInputDeclarer addBolt(IBatchBolt<?> bolt) {
        return add(bolt, 1);
    }

    /** Adds the next basic bolt, in one task. */
    public LinearDRPCInputDeclarer addBolt(IBasicBolt bolt) {
        return add(bolt, 1);
    }

    /** Adds the next rich bolt, in one task. */
    public LinearDRPCInputDeclarer addBolt(IRichBolt bolt) {
        return add(bolt, 1);
    }

    private LinearDRPCInputDeclarer add(Object bolt, Number parallelism) {
        Component c = new Component(bolt, parallelism == null ? 1 : parallelism.intValue());
        components.add(c);
        return c;
    }

    /** The topology, taking its requests from {@code drpc} in this process. */
    public StormTopology createLocalTopology(ILocalDRPC drpc) {
        return create(new DRPCSpout(function, drpc));
    }

    /** The topology, taking its requests from the cluster's DRPC servers ({@code drpc.servers}). */
    public StormTopology createRemoteTopology() {
        return create(new DRPCSpout(function));
    }

    private StormTopology create(DRPCSpout spout) {
        if (components.isEmpty()) {
            throw new InvalidTopologyException("DRPC function '" + function + "' has no bolts; add at least one");
        }
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout(SPOUT, spout);
        String first = "bolt0";
        builder.setBolt(PREPARE, new PrepareRequest(first)).noneGrouping(SPOUT);
        String upstream = PREPARE;
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            c.upstream = upstream;
            String id = "bolt" + i;
            BoltDeclarer d = builder.setBolt(id, new CoordinatedBolt(c.bolt, upstream, i == components.size() - 1),
                    c.parallelism);
            if (c.groupings.isEmpty()) {
                d.shuffleGrouping(upstream);
            }
            c.groupings.forEach(g -> g.accept(d));
            d.directGrouping(upstream, CoordinatedBolt.COORD_STREAM);
            if (i == components.size() - 1) {
                d.fieldsGrouping(PREPARE, CoordinatedBolt.ID_STREAM, new Fields("request"));
            }
            Map<String, Object> conf = new HashMap<>(c.conf);
            Object tasks = conf.remove(Config.TOPOLOGY_TASKS);
            if (tasks != null) {
                d.setNumTasks((Number) tasks);
            }
            if (!conf.isEmpty()) {
                d.addConfigurations(conf);
            }
            upstream = id;
        }
        Fields lastFields = defaultFields(components.get(components.size() - 1).bolt);
        if (lastFields.size() != 2) {
            throw new InvalidTopologyException("The last bolt of DRPC function '" + function + "' must emit [id, "
                    + "result] on its default stream; it declares " + lastFields);
        }
        builder.setBolt(JOIN, new JoinResult(PREPARE))
                .fieldsGrouping(PREPARE, PrepareRequest.RETURN_STREAM, new Fields("request"))
                .fieldsGrouping(upstream, new Fields(lastFields.get(0)));
        builder.setBolt(RETURN, new ReturnResults()).noneGrouping(JOIN);
        return builder.createTopology();
    }

    private static Fields defaultFields(Object bolt) {
        OutputFieldsGetter getter = new OutputFieldsGetter();
        ((IComponent) bolt).declareOutputFields(getter);
        StreamSpec spec = getter.getFieldsDeclaration().get(Utils.DEFAULT_STREAM_ID);
        return spec == null ? new Fields() : spec.fields();
    }
}
