package io.squall.kafka.spout;

import io.squall.tuple.Values;

/** The values of a tuple a {@link RecordTranslator} made, with the stream it goes to. */
public class KafkaTuple extends Values {
    private static final long serialVersionUID = 1L;

    private String stream;

    /** An empty tuple for the translator's first stream. */
    public KafkaTuple() {
    }

    /** A tuple of {@code vals} for the translator's first stream. */
    public KafkaTuple(Object... vals) {
        super(vals);
    }

    /** Sends this tuple to {@code stream}, which the translator must declare in its {@code streams()}. */
    public KafkaTuple routedTo(String stream) {
        if (this.stream != null && !this.stream.equals(stream)) {
            throw new IllegalStateException("This tuple is already routed to stream '" + this.stream
                    + "'; a tuple goes to one stream");
        }
        this.stream = stream;
        return this;
    }

    /** The stream this tuple goes to, or null for the translator's first stream. */
    public String getStream() {
        return stream;
    }
}
