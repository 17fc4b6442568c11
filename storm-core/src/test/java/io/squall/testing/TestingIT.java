package io.squall.testing;

import io.squall.Config;
import io.squall.Testing;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's testing helpers on a real local cluster, written the way Storm users write them. */
class TestingIT {
    @Test
    @Timeout(60)
    void orderedEventsThroughAFieldsGroupingArriveInOrderAndAreAllAcked() {
        Testing.withLocalCluster(cluster -> {
            TestEventLogSpout spout = new TestEventLogSpout(4000);
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("events", spout, 2);
            builder.setBolt("order", new TestEventOrderCheckBolt(), 3).fieldsGrouping("events", new Fields("source"));
            CompleteTopologyParam param = new CompleteTopologyParam();
            param.setStormConf(new Config());
            Map<String, List<FixedTuple>> result = Testing.completeTopology(cluster, builder.createTopology(), param);
            assertEquals(4000, Testing.readTuples(result, "events").size());
            assertEquals(List.of(), Testing.readTuples(result, "order"), "no event out of order");
            assertEquals(4000, TestEventLogSpout.getNumAcked(spout.getUid()));
            assertEquals(0, TestEventLogSpout.getNumFailed(spout.getUid()));
            assertTrue(spout.completed());
            spout.cleanup();
            assertEquals(0, TestEventLogSpout.getNumAcked(spout.getUid()));
        });
    }

    @Test
    void theOrderCheckSaysWhichEventCameOutOfOrder() {
        TestEventOrderCheckBolt bolt = new TestEventOrderCheckBolt();
        List<List<Object>> emitted = new java.util.ArrayList<>();
        List<io.squall.tuple.Tuple> acked = new java.util.ArrayList<>();
        bolt.prepare(Map.of(), null, new io.squall.task.OutputCollector(new io.squall.task.IOutputCollector() {
            @Override
            public List<Integer> emit(String stream, java.util.Collection<io.squall.tuple.Tuple> anchors,
                                      List<Object> tuple) {
                emitted.add(tuple);
                return List.of();
            }

            @Override
            public void emitDirect(int task, String stream, java.util.Collection<io.squall.tuple.Tuple> anchors,
                                   List<Object> tuple) {
            }

            @Override
            public void ack(io.squall.tuple.Tuple input) {
                acked.add(input);
            }

            @Override
            public void fail(io.squall.tuple.Tuple input) {
            }

            @Override
            public void resetTimeout(io.squall.tuple.Tuple input) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void reportError(Throwable error) {
            }
        }));
        for (long id : new long[] {1, 2, 2, 5, 3}) {
            bolt.execute(Testing.testTuple(List.of(7, id)));
        }
        assertEquals(List.of(List.of("Error: event id is not in strict order! event source Id: 7, last event Id: 2, "
                + "current event Id: 2"), List.of("Error: event id is not in strict order! event source Id: 7, last "
                + "event Id: 5, current event Id: 3")), emitted);
        assertEquals(5, acked.size(), "every input acked");
    }

    @Test
    @Timeout(60)
    void completeTopologyRunsMockedInputToTheEndAndCapturesEveryComponent() {
        MkClusterParam mkClusterParam = new MkClusterParam();
        mkClusterParam.setSupervisors(4);
        Config daemonConf = new Config();
        daemonConf.put(Config.TOPOLOGY_ACKER_EXECUTORS, 1);
        mkClusterParam.setDaemonConf(daemonConf);
        Testing.withLocalCluster(mkClusterParam, cluster -> {
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("1", new TestWordSpout(true), 3);
            builder.setBolt("2", new TestWordCounter(), 4).fieldsGrouping("1", new Fields("word"));
            builder.setBolt("3", new TestGlobalCount()).globalGrouping("1");
            builder.setBolt("4", new TestAggregatesCounter()).globalGrouping("2");

            MockedSources mockedSources = new MockedSources();
            mockedSources.addMockData("1", new Values("nathan"), new Values("bob"), new Values("joey"),
                    new Values("nathan"));
            Config conf = new Config();
            conf.setNumWorkers(2);
            CompleteTopologyParam completeTopologyParam = new CompleteTopologyParam();
            completeTopologyParam.setMockedSources(mockedSources);
            completeTopologyParam.setStormConf(conf);

            Map<String, List<FixedTuple>> result = Testing.completeTopology(cluster, builder.createTopology(),
                    completeTopologyParam);

            assertTrue(Testing.multiseteq(List.of(List.of("nathan"), List.of("bob"), List.of("joey"),
                    List.of("nathan")), Testing.readTuples(result, "1")));
            assertTrue(Testing.multiseteq(List.of(List.of("nathan", 1), List.of("nathan", 2), List.of("bob", 1),
                    List.of("joey", 1)), Testing.readTuples(result, "2")));
            assertEquals(List.of(List.of(1), List.of(2), List.of(3), List.of(4)), Testing.readTuples(result, "3"));
            assertEquals(4, Testing.readTuples(result, "4").size());
            assertEquals(4, ((Number) Testing.readTuples(result, "4").get(3).get(0)).intValue(),
                    "the last sum holds every word's latest count");
        });
    }

    @Test
    @Timeout(60)
    void storms2WorkerSerializationTestWithItsDecoratorAndBytesCounterPasses() {
        Testing.withLocalCluster(new MkClusterParam(), cluster -> {
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("words", new TestWordSpout(true));
            builder.setBolt("count", new TestWordBytesCounter()).globalGrouping("words");
            builder.setSpout("objects", new TestWordSpout(true));
            builder.setBolt("echo", new IdentityBolt(new Fields("obj")), 2).shuffleGrouping("objects");
            MockedSources sources = new MockedSources();
            sources.addMockData("words", new Values((Object) "storm".getBytes(StandardCharsets.UTF_8)),
                    new Values((Object) "storm".getBytes(StandardCharsets.UTF_8)));
            sources.addMockData("objects", new Values(new TestSerObject(1, 2)), new Values(new TestSerObject(3, 4)));
            Config conf = new Config();
            conf.setNumWorkers(2);
            conf.setFallBackOnJavaSerialization(false); // TestSerObject crosses workers by the decorator's registration
            conf.registerDecorator(TestKryoDecorator.class);
            conf.put(Config.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING, true); // round-robin: half of them cross
            CompleteTopologyParam param = new CompleteTopologyParam();
            param.setMockedSources(sources);
            param.setStormConf(conf);
            Map<String, List<FixedTuple>> result = Testing.completeTopology(cluster, builder.createTopology(), param);
            assertEquals(List.of(List.of("storm", 1), List.of("storm", 2)), Testing.readTuples(result, "count"));
            assertTrue(Testing.multiseteq(List.of(List.of(new TestSerObject(1, 2)), List.of(new TestSerObject(3, 4))),
                    Testing.readTuples(result, "echo")));
        });
    }

    @Test
    void aTmpPathDeletesWhatWasWrittenUnderItWhenClosed() throws Exception {
        java.io.File dir;
        try (TmpPath tmp = new TmpPath()) {
            dir = tmp.getFile();
            java.nio.file.Files.createDirectories(dir.toPath().resolve("a/b"));
            java.nio.file.Files.writeString(dir.toPath().resolve("a/b/c.txt"), "x");
            assertTrue(dir.exists());
        }
        assertTrue(!dir.exists(), dir + " deleted");
        new TmpPath().close(); // nothing was created: nothing to delete
    }

    @Test
    @Timeout(60)
    void trackedWaitReturnsOnceFedTuplesAreProcessed() {
        Testing.withTrackedCluster(cluster -> {
            FeederSpout feeder = new FeederSpout(new Fields("num"));
            AckFailMapTracker tracker = new AckFailMapTracker();
            feeder.setAckFailDelegate(tracker);
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("feeder", feeder);
            builder.setBolt("count", new TestGlobalCount()).shuffleGrouping("feeder");
            builder.setBolt("identity", new IdentityBolt(new Fields("n")), 2).customGrouping("count", new NGrouping(2));
            TrackedTopology tracked = Testing.mkTrackedTopology(cluster, builder.createTopology());
            cluster.submitTopology("tracked", new Config(), tracked.getTopology());
            feeder.waitForReader();
            feeder.feed(new Values(1), "a");
            feeder.feed(new Values(2), "b");
            Testing.trackedWait(tracked, 2);
            assertEquals(2, tracked.globalAmt("spout-emitted"));
            assertEquals(2 + 2 * 2, tracked.globalAmt("transferred"), "2 to count, each passed on to both identities");
            assertEquals(6, tracked.globalAmt("processed"));
            feeder.feed(new Values(3), "c");
            Testing.trackedWait(tracked, 1);
            assertEquals(3, tracked.globalAmt("spout-emitted"));
        });
    }

    @Test
    void aSpoutThatCannotCompleteIsRejectedWithAHint() {
        Testing.withLocalCluster(cluster -> {
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("words", new TestWordSpout());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Testing.completeTopology(cluster, builder.createTopology()));
            assertTrue(e.getMessage().contains("MockedSources"), e.getMessage());
        });
    }
}
