package io.squall.topologies.clickstream;

import com.codahale.metrics.Counter;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Reads one click, a line {@code EPOCH_MILLIS USER PAGE} (what {@link ClickGenerator} writes), from the field
 * {@code value} and emits {@code (page, user, ts)}, {@code ts} the click's time. A line that is not a click is
 * acked, counted in the metric {@code bad-clicks} and logged (at most once per 1000), so one bad record does not
 * replay forever.
 */
public class ParseClick extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseClick.class);

    private transient Counter bad;
    private transient long badSeen;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context) {
        bad = context.registerCounter("bad-clicks");
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        Object value = input.getValueByField("value");
        String[] parts = value == null ? new String[0] : value.toString().trim().split("\\s+");
        long ts = parts.length == 3 ? epochMillis(parts[0]) : -1;
        if (parts.length != 3 || !parts[2].startsWith("/") || ts < 0) {
            bad.inc();
            if (badSeen++ % 1000 == 0) {
                LOG.warn("Skipped a record that is not a click 'EPOCH_MILLIS USER /PAGE': '{}' ({} so far)", value,
                        badSeen);
            }
            return;
        }
        collector.emit(new Values(parts[2], parts[1], ts));
    }

    /** The click's time, or -1 if it is not a number of epoch milliseconds. */
    static long epochMillis(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("page", "user", "ts"));
    }
}
