package io.squall.topologies.trident;

import io.squall.trident.operation.Consumer;
import io.squall.trident.tuple.TridentTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a stream's tuples, at most one a second per task, so an example shows what flows without flooding. */
public class LogEverySecond implements Consumer {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LogEverySecond.class);

    private final String label;
    private transient long lastNanos;

    /** Logs under {@code label}. */
    public LogEverySecond(String label) {
        this.label = label;
    }

    @Override
    public void accept(TridentTuple tuple) {
        long now = System.nanoTime();
        if (lastNanos == 0 || now - lastNanos > 1_000_000_000L) {
            lastNanos = now;
            LOG.info("{}: {} = {}", label, tuple.getFields(), tuple.getValues());
        }
    }
}
