package io.squall.task;

import io.squall.testing.TestWordSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Storm's getThisOutputFieldsForStreams and getThisInputFields. */
class TopologyContextFieldsTest {
    /** Emits "counts" (word, count) on the default stream and "errors" (word, reason) on another. */
    static final class Splitter extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word", "count"));
            declarer.declareStream("errors", new Fields("word", "reason"));
        }
    }

    /** Declares nothing. */
    static final class Sink extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    private static TopologyContext context(int taskId) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("split", new Splitter()).shuffleGrouping("words");
        b.setBolt("sink", new Sink()).shuffleGrouping("split", "errors").shuffleGrouping("words");
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(),
                Map.of(1, "words", 2, "split", 3, "sink"), "t", 0, List.of(1, 2, 3));
        return new TopologyContext(worker, taskId);
    }

    @Test
    void outputFieldsForStreamsListsEachOfThisComponentsStreams() {
        Map<String, List<String>> split = context(2).getThisOutputFieldsForStreams();
        assertEquals(List.of("word", "count"), split.get("default"));
        assertEquals(List.of("word", "reason"), split.get("errors"));
        assertEquals(context(2).getThisStreams(), split.keySet());
        assertEquals(List.of("word"), context(1).getThisOutputFieldsForStreams().get("default"));
    }

    @Test
    void inputFieldsListEverySourceComponentsStreams() {
        Map<String, Map<String, List<String>>> sink = context(3).getThisInputFields();
        assertEquals(java.util.Set.of("split", "words"), sink.keySet());
        // every stream of a source, subscribed to or not, as in Storm
        assertEquals(List.of("word", "count"), sink.get("split").get("default"));
        assertEquals(List.of("word", "reason"), sink.get("split").get("errors"));
        assertEquals(List.of("word"), sink.get("words").get("default"));
        assertEquals(Map.of("words", Map.of("default", List.of("word"))).get("words").get("default"),
                context(2).getThisInputFields().get("words").get("default"));
        assertFalse(context(1).getThisInputFields().containsKey("words"));
        assertEquals(Map.of(), context(1).getThisInputFields());
    }

    @Test
    void toJsonStringGivesWhatStormGivesMultilangSubprocesses() {
        TopologyContext sink = context(3);
        GeneralTopologyContext topology = new GeneralTopologyContext(sink.getRawTopology(), Map.of(),
                sink.getTaskToComponent(), "t");
        Map<String, Object> general = io.squall.utils.Utils.parseJson(topology.toJSONString());
        assertEquals(Map.of("task->component", Map.of("1", "words", "2", "split", "3", "sink")), general);

        Map<String, Object> json = io.squall.utils.Utils.parseJson(sink.toJSONString());
        assertEquals(general.get("task->component"), json.get("task->component"));
        assertEquals(3L, json.get("taskid"));
        assertEquals("sink", json.get("componentid"));
        assertEquals(Map.of("split", Map.of("errors", Map.of("type", "SHUFFLE")),
                "words", Map.of("default", Map.of("type", "SHUFFLE"))), json.get("source->stream->grouping"));
        assertEquals(Map.of("split", Map.of("errors", List.of("word", "reason")),
                "words", Map.of("default", List.of("word"))), json.get("source->stream->fields"));
        Map<String, Object> split = io.squall.utils.Utils.parseJson(context(2).toJSONString());
        assertEquals(Map.of("default", List.of("word", "count"), "errors", List.of("word", "reason")),
                split.get("stream->outputfields"));
        assertEquals(Map.of("errors", Map.of("sink", Map.of("type", "SHUFFLE"))),
                split.get("stream->target->grouping"));
    }
}
