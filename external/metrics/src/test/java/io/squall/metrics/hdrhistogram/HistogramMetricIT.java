package io.squall.metrics.hdrhistogram;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.metric.api.IMetricsConsumer;
import io.squall.metrics.sigar.CPUMetric;
import io.squall.task.IErrorReporter;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** storm-metrics' metrics registered by a bolt of a running topology reach a metrics consumer. */
@Timeout(120)
class HistogramMetricIT {
    static final Queue<Histogram> HISTOGRAMS = new ConcurrentLinkedQueue<>();
    static final Queue<Map<?, ?>> CPU = new ConcurrentLinkedQueue<>();

    /** Keeps the values of the bolt's two metrics. */
    public static class Collect implements IMetricsConsumer {
        @Override
        public void prepare(Map<String, Object> topoConf, Object arg, TopologyContext context, IErrorReporter errors) {
        }

        @Override
        public void handleDataPoints(TaskInfo taskInfo, Collection<DataPoint> dataPoints) {
            for (DataPoint p : dataPoints) {
                if (p.name.equals("value-size")) {
                    HISTOGRAMS.add((Histogram) p.value);
                } else if (p.name.equals("cpu")) {
                    CPU.add((Map<?, ?>) p.value);
                }
            }
        }

        @Override
        public void cleanup() {
        }
    }

    /** Records each tuple's number in a histogram, every second's bucket. */
    static class Measure extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private transient HistogramMetric sizes;
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            sizes = context.registerMetric("value-size", new HistogramMetric(3), 1);
            context.registerMetric("cpu", new CPUMetric(), 1);
        }

        @Override
        public void execute(Tuple input) {
            sizes.recordValue(input.getLong(0));
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    void everyRecordedValueReachesTheConsumerInSomeBucket() {
        int n = 5000;
        List<List<Object>> tuples = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            tuples.add(new Values(i));
        }
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("numbers", new FixedTupleSpout(tuples, new Fields("n")));
        b.setBolt("measure", new Measure()).shuffleGrouping("numbers");
        Config conf = new Config();
        conf.registerMetricsConsumer(Collect.class);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("histograms", conf, b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> total() == n,
                    () -> total() + " of " + n + " values in the histograms the consumer got");
        }
        Histogram all = new Histogram(3);
        HISTOGRAMS.forEach(all::add);
        assertEquals(n, all.getMaxValue(), n / 500.0);
        assertEquals(n / 2.0, all.getValueAtPercentile(50), n / 500.0);
        assertTrue(!CPU.isEmpty() && CPU.peek().containsKey("user-ms") && CPU.peek().containsKey("sys-ms"),
                "the CPU metric's buckets: " + CPU);
    }

    private static long total() {
        return HISTOGRAMS.stream().mapToLong(Histogram::getTotalCount).sum();
    }
}
