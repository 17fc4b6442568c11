package io.squall.topologies.clickstream;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The top pages of each sliding window by event time: a tumbling window, one slide long, over the {@link PageCounts}
 * results stamped with their window's end ({@code windowEnd}), so it holds every task's counts of one sliding window;
 * emits {@code (windowEnd, rankings, clicks)} with {@code rankings} a list of {@code [page, count]}, most clicked
 * first (ties by page name). It fires on the watermark the page counts forward, so each sliding window's top pages
 * come exactly once, with every task's counts, whatever order the tasks fire in. Runs as one task.
 */
public class TopPagesPerWindow extends BaseWindowedBolt {
    private static final long serialVersionUID = 1L;

    private final int topN;
    private transient OutputCollector collector;

    /** The {@code topN} pages of each window. */
    public TopPagesPerWindow(int topN) {
        this.topN = topN;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(TupleWindow window) {
        List<Map<String, Long>> counts = new ArrayList<>();
        for (Tuple t : window.get()) {
            counts.add((Map<String, Long>) t.getValueByField("counts"));
        }
        Map<String, Long> merged = TopPages.merge(counts);
        long clicks = merged.values().stream().mapToLong(Long::longValue).sum();
        collector.emit(new Values(window.getEndTimestamp(), TopPages.rank(merged, topN), clicks));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("windowEnd", "rankings", "clicks"));
    }
}
