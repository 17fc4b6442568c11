package io.squall.topologies.clickstream;

import io.squall.Config;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.TupleUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the latest window of every {@link PageCounts} task and, once a second, emits the top pages:
 * {@code (rankings, clicks, updated)} with {@code rankings} a list of {@code [page, count]}, most clicked first
 * (ties by page name), {@code clicks} the clicks in the window over every page. A task that has sent no window for
 * {@code staleMillis} (no clicks reached it) no longer counts. Runs as one task (global grouping).
 */
public class TopPages extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;

    private final int topN;
    private final long staleMillis;
    private transient Map<Integer, Window> latest;

    /** One task's latest window: its counts and when it arrived. */
    private record Window(Map<String, Long> counts, long arrivedMillis) { }

    /**
     * @param topN        how many pages to rank
     * @param staleMillis how long a task's last window counts without a newer one
     */
    public TopPages(int topN, long staleMillis) {
        this.topN = topN;
        this.staleMillis = staleMillis;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context) {
        latest = new HashMap<>();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(Tuple input, BasicOutputCollector collector) {
        long now = System.currentTimeMillis();
        if (!TupleUtils.isTick(input)) {
            latest.put(input.getIntegerByField("task"),
                    new Window((Map<String, Long>) input.getValueByField("counts"), now));
            return;
        }
        latest.values().removeIf(w -> now - w.arrivedMillis() > staleMillis);
        Map<String, Long> merged = merge(latest.values().stream().map(Window::counts).toList());
        long clicks = merged.values().stream().mapToLong(Long::longValue).sum();
        collector.emit(new Values(rank(merged, topN), clicks, now));
    }

    /** The sum of several tasks' counts per page. */
    static Map<String, Long> merge(Collection<Map<String, Long>> counts) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach(c -> c.forEach((page, n) -> out.merge(page, n, Long::sum)));
        return out;
    }

    /** The {@code topN} pages with the most clicks as {@code [page, count]}, most first, ties by page. */
    static List<List<Object>> rank(Map<String, Long> counts, int topN) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : entries.subList(0, Math.min(topN, entries.size()))) {
            out.add(List.of(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("rankings", "clicks", "updated"));
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return Map.of(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 1);
    }
}
