package io.squall;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.topology.BoltDeclarer;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.IBasicBolt;
import io.squall.topology.IRichBolt;
import io.squall.topology.IRichSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.StreamInfo;
import io.squall.topology.TopologyBuilder;

import java.util.List;
import java.util.Map;

/**
 * Storm's {@code Thrift} helpers for building a topology from maps of spouts and bolts, as Storm's own tests and some
 * users' do: {@code buildTopology(spouts, bolts)} with {@link SpoutDetails} and {@link BoltDetails} made by the
 * {@code prepare*Details} methods, inputs keyed by {@link GlobalStreamId} with groupings from the
 * {@code prepare*Grouping} methods. There is no Thrift underneath: the topology is built with {@link TopologyBuilder}.
 */
public final class Thrift {
    private Thrift() {
    }

    /** A stream declaration with {@code fields}. */
    public static StreamInfo outputFields(List<String> fields) {
        return new StreamInfo(fields, false);
    }

    /** A direct stream's declaration with {@code fields}. */
    public static StreamInfo directOutputFields(List<String> fields) {
        return new StreamInfo(fields, true);
    }

    public static Grouping prepareShuffleGrouping() {
        return Grouping.of(Grouping.Type.SHUFFLE);
    }

    public static Grouping prepareLocalOrShuffleGrouping() {
        return Grouping.of(Grouping.Type.LOCAL_OR_SHUFFLE);
    }

    public static Grouping prepareFieldsGrouping(List<String> fields) {
        return fields.isEmpty() ? prepareGlobalGrouping() : Grouping.fields(fields);
    }

    /** The global grouping, which Storm writes as a fields grouping on no fields. */
    public static Grouping prepareGlobalGrouping() {
        return Grouping.of(Grouping.Type.GLOBAL);
    }

    public static Grouping prepareDirectGrouping() {
        return Grouping.of(Grouping.Type.DIRECT);
    }

    public static Grouping prepareAllGrouping() {
        return Grouping.of(Grouping.Type.ALL);
    }

    public static Grouping prepareNoneGrouping() {
        return Grouping.of(Grouping.Type.NONE);
    }

    /**
     * A custom grouping.
     *
     * @throws IllegalArgumentException when {@code grouping} is not a {@link CustomStreamGrouping}
     */
    public static Grouping prepareCustomStreamGrouping(Object grouping) {
        if (!(grouping instanceof CustomStreamGrouping custom)) {
            throw new IllegalArgumentException("A custom grouping must implement CustomStreamGrouping, not "
                    + (grouping == null ? "null" : grouping.getClass().getName()));
        }
        return Grouping.custom(custom);
    }

    /** The grouping's kind as Storm's generated class names it (a global grouping is {@code FIELDS}). */
    public static Grouping._Fields groupingType(Grouping grouping) {
        return grouping.getSetField();
    }

    /**
     * The fields of a fields grouping (none for a global one).
     *
     * @throws IllegalArgumentException for any other grouping
     */
    public static List<String> fieldGrouping(Grouping grouping) {
        if (groupingType(grouping) != Grouping._Fields.FIELDS) {
            throw new IllegalArgumentException("A " + grouping.getType() + " grouping has no fields: only a fields "
                    + "grouping does");
        }
        return grouping.get_fields();
    }

    /** Whether {@code grouping} sends every tuple to one task (a fields grouping on no fields). */
    public static boolean isGlobalGrouping(Grouping grouping) {
        return groupingType(grouping) == Grouping._Fields.FIELDS && fieldGrouping(grouping).isEmpty();
    }

    public static SpoutDetails prepareSpoutDetails(IRichSpout spout) {
        return prepareSpoutDetails(spout, null, null);
    }

    public static SpoutDetails prepareSpoutDetails(IRichSpout spout, Integer parallelismHint) {
        return prepareSpoutDetails(spout, parallelismHint, null);
    }

    public static SpoutDetails prepareSpoutDetails(IRichSpout spout, Integer parallelismHint,
                                                   Map<String, Object> conf) {
        return new SpoutDetails(spout, parallelismHint, conf);
    }

    public static BoltDetails prepareBoltDetails(Map<GlobalStreamId, Grouping> inputs, Object bolt) {
        return prepareBoltDetails(inputs, bolt, null, null);
    }

    public static BoltDetails prepareBoltDetails(Map<GlobalStreamId, Grouping> inputs, Object bolt,
                                                 Integer parallelismHint) {
        return prepareBoltDetails(inputs, bolt, parallelismHint, null);
    }

    /** A bolt ({@link IRichBolt} or {@link IBasicBolt}) with its inputs, parallelism (null: 1) and configuration. */
    public static BoltDetails prepareBoltDetails(Map<GlobalStreamId, Grouping> inputs, Object bolt,
                                                 Integer parallelismHint, Map<String, Object> conf) {
        return new BoltDetails(bolt, conf, parallelismHint, inputs);
    }

    /**
     * The topology of these spouts and bolts, by id.
     *
     * @throws IllegalArgumentException when a bolt is neither an {@link IRichBolt} nor an {@link IBasicBolt}
     */
    public static StormTopology buildTopology(Map<String, SpoutDetails> spoutMap, Map<String, BoltDetails> boltMap) {
        TopologyBuilder builder = new TopologyBuilder();
        spoutMap.forEach((id, spout) ->
                builder.setSpout(id, spout.getSpout(), spout.getParallelism()).addConfigurations(spout.getConf()));
        boltMap.forEach((id, bolt) -> {
            BoltDeclarer declarer;
            if (bolt.getBolt() instanceof IRichBolt rich) {
                declarer = builder.setBolt(id, rich, bolt.getParallelism());
            } else if (bolt.getBolt() instanceof IBasicBolt basic) {
                declarer = builder.setBolt(id, basic, bolt.getParallelism());
            } else {
                throw new IllegalArgumentException("Bolt '" + id + "' is a " + (bolt.getBolt() == null ? "null"
                        : bolt.getBolt().getClass().getName()) + ": Thrift.buildTopology takes an IRichBolt or an "
                        + "IBasicBolt; build other bolts with TopologyBuilder");
            }
            declarer.addConfigurations(bolt.getConf());
            if (bolt.getInputs() != null) {
                bolt.getInputs().forEach(declarer::grouping);
            }
        });
        return builder.createTopology();
    }

    /** A spout, its parallelism (null: 1) and its component configuration (null: none). */
    public static class SpoutDetails {
        private final IRichSpout spout;
        private final Integer parallelism;
        private final Map<String, Object> conf;

        public SpoutDetails(IRichSpout spout, Integer parallelism, Map<String, Object> conf) {
            this.spout = spout;
            this.parallelism = parallelism;
            this.conf = conf;
        }

        public IRichSpout getSpout() {
            return spout;
        }

        public Integer getParallelism() {
            return parallelism;
        }

        public Map<String, Object> getConf() {
            return conf;
        }
    }

    /** A bolt, its component configuration, its parallelism and its inputs with their groupings. */
    public static class BoltDetails {
        private final Object bolt;
        private final Map<String, Object> conf;
        private final Integer parallelism;
        private final Map<GlobalStreamId, Grouping> inputs;

        public BoltDetails(Object bolt, Map<String, Object> conf, Integer parallelism,
                           Map<GlobalStreamId, Grouping> inputs) {
            this.bolt = bolt;
            this.conf = conf;
            this.parallelism = parallelism;
            this.inputs = inputs;
        }

        public Object getBolt() {
            return bolt;
        }

        public Map<String, Object> getConf() {
            return conf;
        }

        public Integer getParallelism() {
            return parallelism;
        }

        public Map<GlobalStreamId, Grouping> getInputs() {
            return inputs;
        }
    }
}
