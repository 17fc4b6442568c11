package io.squall.topology;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Runs an {@link IBasicBolt} as a rich bolt: anchors its emits to the input, acks the input after
 * {@code execute} returns, fails it on {@link FailedException} (reporting it if it is a
 * {@link ReportedFailedException}). Any other exception propagates to the executor, which fails the
 * input and reports the error.
 */
public class BasicBoltExecutor implements IRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BasicBoltExecutor.class);

    private final IBasicBolt bolt;
    private transient BasicOutputCollector collector;

    /** Wraps a basic bolt. */
    public BasicBoltExecutor(IBasicBolt bolt) {
        this.bolt = bolt;
    }

    /** The wrapped bolt. */
    public IBasicBolt getBolt() {
        return bolt;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector out) {
        bolt.prepare(topoConf, context);
        collector = new BasicOutputCollector(out);
    }

    @Override
    public void execute(Tuple input) {
        collector.setContext(input);
        try {
            bolt.execute(input, collector);
            collector.getOutputter().ack(input);
        } catch (FailedException e) {
            if (e instanceof ReportedFailedException) {
                collector.reportError(e);
            }
            LOG.debug("Failing {} after {}", input, e.toString());
            collector.getOutputter().fail(input);
        }
    }

    @Override
    public void cleanup() {
        bolt.cleanup();
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        bolt.declareOutputFields(declarer);
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return bolt.getComponentConfiguration();
    }
}
