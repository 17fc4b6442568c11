package io.squall.topology.base;

import io.squall.state.KeyValueState;
import io.squall.testing.TestWordSpout;
import io.squall.topology.OutputFieldsGetter;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseStatefulBoltTest {
    /** Written as for Storm: a bolt that only counts into its state overrides neither declareOutputFields nor prepare. */
    static final class CountingBolt extends BaseStatefulBolt<KeyValueState<String, Long>> {
        KeyValueState<String, Long> counts;

        @Override
        public void initState(KeyValueState<String, Long> state) {
            counts = state;
        }

        @Override
        public void execute(Tuple input) {
            counts.put(input.getString(0), counts.get(input.getString(0), 0L) + 1);
        }
    }

    @Test
    void aStatefulBoltThatEmitsNothingDeclaresNoStreams() {
        OutputFieldsGetter getter = new OutputFieldsGetter();
        new CountingBolt().declareOutputFields(getter);
        assertTrue(getter.getFieldsDeclaration().isEmpty(), getter.getFieldsDeclaration().toString());
    }

    @Test
    void aTopologyWithSuchABoltBuildsAndTheBoltHasNoOutputStreamsOfItsOwn() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("words", new TestWordSpout());
        builder.setBolt("count", new CountingBolt()).shuffleGrouping("words");
        StormTopology topology = builder.createTopology();
        // Only the streams the runtime gives every (stateful) component: __system, $checkpoint.
        topology.getComponent("count").getOutputs().keySet()
                .forEach(stream -> assertTrue(stream.startsWith("__") || stream.startsWith("$"), stream));
    }
}
