package io.squall.topologies;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * At-least-once in action: a spout of numbered events that replays whatever fails, into a bolt that
 * fails one event in ten. The spout logs how many events were acked, failed and replayed.
 */
public final class ReliableTopology {
    private ReliableTopology() {
    }

    /** Emits events 0..N-1 with message ids and replays failed ones. */
    public static class ReplayingSpout extends BaseRichSpout {
        private static final Logger LOG = LoggerFactory.getLogger(ReplayingSpout.class);
        private final long events;
        private transient SpoutOutputCollector collector;
        private transient Deque<Long> replay;
        private transient long next;
        private transient long acked;
        private transient long failed;

        /** A spout of {@code events} events. */
        public ReplayingSpout(long events) {
            this.events = events;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.replay = new ArrayDeque<>();
        }

        @Override
        public void nextTuple() {
            Long id = replay.poll();
            if (id == null && next < events) {
                id = next++;
            }
            if (id != null) {
                collector.emit(new Values(id), id);
            }
        }

        @Override
        public void ack(Object msgId) {
            if (++acked % 10_000 == 0 || acked == events) {
                LOG.info("acked {} of {} events ({} fails replayed so far)", acked, events, failed);
            }
        }

        @Override
        public void fail(Object msgId) {
            failed++;
            replay.add((Long) msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("event"));
        }
    }

    /** Fails one event in ten, acks the rest. */
    public static class FlakyBolt extends BaseRichBolt {
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (ThreadLocalRandom.current().nextInt(10) == 0) {
                collector.fail(input);
            } else {
                collector.ack(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Submits the topology as {@code args[0]} (default "reliable"). */
    public static void main(String[] args) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("events", new ReplayingSpout(100_000));
        builder.setBolt("flaky", new FlakyBolt(), 2).shuffleGrouping("events");
        Config conf = new Config();
        conf.setMaxSpoutPending(1000);
        SquallSubmitter.submitTopology(args.length > 0 ? args[0] : "reliable", conf, builder.createTopology());
    }
}
