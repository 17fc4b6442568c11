package io.squall.runtime;

import io.squall.testing.TestWordSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one way executors and tasks are counted: the topology's components, ackers apart. */
class TaskLayoutCountsTest {
    static class Sink extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    void countsTheComponentsExecutorsAndTasksWithoutTheAckers() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 1);
        b.setBolt("count", new Sink(), 2).setNumTasks(4).shuffleGrouping("words");
        TaskLayout layout = new TaskLayout(b.createTopology(), 2);
        assertEquals(5, layout.executors().size(), "3 executors and 2 ackers run");
        assertEquals(3, layout.componentExecutors());
        assertEquals(5, layout.componentTasks());
        assertEquals(7, layout.taskToComponent().size());
    }
}
