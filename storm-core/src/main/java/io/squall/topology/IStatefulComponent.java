package io.squall.topology;

import io.squall.state.State;

/**
 * A component whose state the runtime checkpoints, as Storm's {@code IStatefulComponent}. The runtime calls
 * {@link #initState} once with the state as of the last committed checkpoint before the first tuple, and the
 * hooks around each phase of a checkpoint; all on the component's thread.
 *
 * @param <T> the state's type
 */
public interface IStatefulComponent<T extends State> extends IComponent {
    /** Hands the component its state, as of the last commit (empty the first time). */
    void initState(T state);

    /** Called before the state's changes are committed under {@code txid}. */
    default void preCommit(long txid) {
    }

    /** Called before the state's changes are staged under {@code txid}. */
    default void prePrepare(long txid) {
    }

    /** Called before the state is rolled back to the last commit. */
    default void preRollback() {
    }
}
