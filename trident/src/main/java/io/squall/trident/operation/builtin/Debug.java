package io.squall.trident.operation.builtin;

import io.squall.trident.operation.BaseFilter;
import io.squall.trident.tuple.TridentTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints (or logs) every tuple and keeps it: for looking at a stream while developing. */
public class Debug extends BaseFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Debug.class);

    private final String name;
    private final boolean useLogger;

    /** Prints each tuple to standard output, after {@code DEBUG: }. */
    public Debug() {
        this(false);
    }

    /** Logs each tuple at INFO when {@code useLogger}, else prints it. */
    public Debug(boolean useLogger) {
        this.name = "DEBUG: ";
        this.useLogger = useLogger;
    }

    /** Prints each tuple after {@code DEBUG(name): }. */
    public Debug(String name) {
        this.name = "DEBUG(" + name + "): ";
        this.useLogger = false;
    }

    @Override
    public boolean isKeep(TridentTuple tuple) {
        if (useLogger) {
            LOG.info("{}{}", name, tuple);
        } else {
            System.out.println(name + tuple);
        }
        return true;
    }
}
