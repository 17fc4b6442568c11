package io.squall.trident.testing;

/** A test spout that is handed its tuples ({@link FeederBatchSpout}). */
public interface IFeeder {
    /** Hands the spout {@code tuples}: a list of tuples, each a list of values. */
    void feed(Object tuples);
}
