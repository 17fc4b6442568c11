package io.squall;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.AuthorizationException;
import io.squall.topology.Credentials;
import io.squall.topology.NotAliveException;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.SubmitOptions;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storm's credentials in local mode: the submitted ones told to each listening spout and bolt before it opens, the
 * pushed ones on its executor's thread, kept across a rebalance's restart; a push that expects another owner refused.
 */
class CredentialsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** What each component instance was told, in order: "prepare" marks its prepare or open. */
    static final List<List<String>> TOLD = new CopyOnWriteArrayList<>();

    /** A bolt that records the credentials it is told and when it prepares. */
    public static class Listening extends BaseRichBolt implements ICredentialsListener {
        private transient List<String> told;

        private List<String> told() {
            if (told == null) {
                told = new CopyOnWriteArrayList<>();
                TOLD.add(told);
            }
            return told;
        }

        @Override
        public void setCredentials(Map<String, String> credentials) {
            told().add("bolt " + credentials);
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            told().add("prepare");
        }

        @Override
        public void execute(Tuple input) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** A spout that records the credentials it is told and when it opens. */
    public static class ListeningSpout extends TestWordSpout implements ICredentialsListener {
        private transient List<String> told;

        @Override
        public void setCredentials(Map<String, String> credentials) {
            if (told == null) {
                told = new CopyOnWriteArrayList<>();
                TOLD.add(told);
            }
            told.add("spout " + credentials);
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            setCredentials(Map.of("opened", "yes")); // A marker only: what came before it came before open.
            super.open(conf, context, collector);
        }
    }

    private static long toldLast(String line) {
        return TOLD.stream().filter(t -> !t.isEmpty() && t.get(t.size() - 1).endsWith(line)).count();
    }

    @Test
    @Timeout(60)
    void listenersAreToldTheSubmittedCredentialsBeforeTheyOpenThenThePushedOnes() throws Exception {
        TOLD.clear();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new ListeningSpout());
        b.setBolt("listening", new Listening(), 2).shuffleGrouping("words");
        SubmitOptions opts = new SubmitOptions();
        opts.set_creds(new Credentials(Map.of("token", "first")));
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopologyWithOpts("creds", new Config(), b.createTopology(), opts);
            Await.until(DEADLINE, () -> TOLD.size() == 3 && TOLD.stream().allMatch(t -> t.size() >= 2),
                    () -> "3 components told and opened: " + TOLD);
            for (List<String> t : TOLD) {
                assertTrue(t.get(0).endsWith("{token=first}"), "told before open or prepare: " + t);
            }

            assertTrue(SquallSubmitter.pushCredentials("creds", Map.of(), Map.of("token", "second")));
            Await.until(DEADLINE, () -> toldLast("{token=second}") == 3, () -> "the pushed credentials: " + TOLD);
            assertFalse(SquallSubmitter.pushCredentials("creds", Map.of(), Map.of()), "nothing to push");

            Credentials someoneElses = new Credentials(Map.of("token", "third"));
            someoneElses.set_topoOwner("mallory");
            AuthorizationException e = assertThrows(AuthorizationException.class,
                    () -> cluster.uploadNewCredentials("creds", someoneElses));
            assertTrue(e.getMessage().contains("not 'mallory'"), e.getMessage());
            assertThrows(NotAliveException.class, () -> cluster.uploadNewCredentials("nope", someoneElses));

            TOLD.clear();
            RebalanceOptions r = new RebalanceOptions();
            r.set_wait_secs(0);
            r.put_to_num_executors("listening", 1);
            cluster.rebalance("creds", r);
            // One executor now runs both of the bolt's tasks (a rebalance changes executors, not tasks).
            Await.until(DEADLINE, () -> TOLD.size() == 3 && TOLD.stream().allMatch(t -> t.size() >= 2),
                    () -> "the restarted components: " + TOLD);
            for (List<String> t : TOLD) {
                assertTrue(t.get(0).endsWith("{token=second}"), "a restart is told the latest: " + t);
            }
        }
    }
}
