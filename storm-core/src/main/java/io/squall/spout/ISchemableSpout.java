package io.squall.spout;

/** A spout whose messages a {@link Scheme} turns into tuples, settable before the topology is built. */
public interface ISchemableSpout {
    Scheme getScheme();

    void setScheme(Scheme scheme);
}
