package io.squall.kafka.spout.internal;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import io.squall.task.TopologyContext;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A spout task's per-partition metrics, registered with the task's {@link TopologyContext}:
 * {@code kafkaOffset/<topic>/partition_<n>/spoutLag} (latest offset minus committed), {@code .../latestTimeOffset},
 * {@code .../latestCompletedOffset} (committed), {@code .../records} (a meter: records/s emitted), and
 * {@code kafkaOffset/totalSpoutLag}. The spout thread updates snapshots; the reporter reads them.
 */
public final class PartitionMetrics {
    private final TopologyContext context;
    private final Map<TopicPartition, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Meter> meters = new ConcurrentHashMap<>();

    private record Snapshot(long latest, long committed) {
        long lag() {
            return latest < 0 || committed < 0 ? 0 : Math.max(0, latest - committed);
        }
    }

    /** Registers the task-wide metrics. */
    public PartitionMetrics(TopologyContext context) {
        this.context = context;
        context.registerGauge("kafkaOffset/totalSpoutLag", () -> {
            long sum = 0;
            for (Snapshot s : snapshots.values()) {
                sum += s.lag();
            }
            return sum;
        });
    }

    /** The meter of a partition's emitted records, registering its metrics the first time. Spout thread. */
    public Meter records(TopicPartition tp) {
        Meter m = meters.get(tp);
        if (m == null) {
            String base = "kafkaOffset/" + tp.topic() + "/partition_" + tp.partition() + "/";
            m = context.registerMeter(base + "records");
            meters.put(tp, m);
            context.registerGauge(base + "spoutLag", () -> snapshot(tp).lag());
            context.registerGauge(base + "latestTimeOffset", () -> snapshot(tp).latest);
            context.registerGauge(base + "latestCompletedOffset", () -> snapshot(tp).committed);
        }
        return m;
    }

    private Snapshot snapshot(TopicPartition tp) {
        return snapshots.getOrDefault(tp, new Snapshot(-1, -1));
    }

    /** Records a partition's latest offset (-1 if unknown) and committed offset (-1 if none). Spout thread. */
    public void update(TopicPartition tp, long latest, long committed) {
        records(tp);
        snapshots.put(tp, new Snapshot(latest, committed));
    }

    /** The partition is no longer this task's: its lag no longer counts. Spout thread. */
    public void remove(TopicPartition tp) {
        snapshots.remove(tp);
    }

    /** The last lag recorded for {@code tp}. */
    public long lag(TopicPartition tp) {
        return snapshot(tp).lag();
    }
}
