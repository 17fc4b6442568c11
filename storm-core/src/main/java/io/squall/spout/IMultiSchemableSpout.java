package io.squall.spout;

/** A spout whose messages a {@link MultiScheme} turns into tuples, settable before the topology is built. */
public interface IMultiSchemableSpout {
    MultiScheme getScheme();

    void setScheme(MultiScheme scheme);
}
