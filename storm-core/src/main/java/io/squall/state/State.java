package io.squall.state;

/**
 * The state of a stateful component, saved in checkpoints. The runtime drives it through two phases:
 * {@link #prepareCommit} stages the changes made since the last checkpoint under a transaction id,
 * {@link #commit(long)} makes them durable; {@link #rollback} discards everything after the last
 * commit, which is what a task sees after a failure.
 */
public interface State {
    /** Stages the changes since the last commit under {@code txid}; they survive a restart but are not yet visible as committed. */
    void prepareCommit(long txid);

    /**
     * Makes the changes staged under {@code txid} the committed state. Committing a txid again, or one nothing was
     * staged under, does nothing: a task repeats a COMMIT that failed after some of its states committed, and a
     * keyed bolt commits every key group's state, also those the checkpoint did not change.
     */
    void commit(long txid);

    /** Stages and commits the current changes at once, outside the checkpoint protocol. */
    void commit();

    /** Throws away changes made since the last commit, including any staged ones. */
    void rollback();
}
