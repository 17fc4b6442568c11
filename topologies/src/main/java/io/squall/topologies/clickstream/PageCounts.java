package io.squall.topologies.clickstream;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts clicks per page in a sliding window: each time the window slides, emits
 * {@code (task, counts, windowEnd)}, the counts of every page this task saw in the window (pages are spread over
 * the tasks by a fields grouping), so {@link TopPages} can merge the tasks' latest windows.
 */
public class PageCounts extends BaseWindowedBolt {
    private static final long serialVersionUID = 1L;

    private transient OutputCollector collector;
    private transient int task;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.task = context.getThisTaskId();
    }

    @Override
    public void execute(TupleWindow window) {
        Map<String, Long> counts = new HashMap<>();
        for (Tuple t : window.get()) {
            counts.merge(t.getStringByField("page"), 1L, Long::sum);
        }
        collector.emit(new Values(task, counts, window.getEndTimestamp()));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("task", "counts", "windowEnd"));
    }
}
