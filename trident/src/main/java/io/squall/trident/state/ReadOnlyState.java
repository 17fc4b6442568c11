package io.squall.trident.state;

/**
 * A state that is only queried ({@code TridentTopology.newStaticState}): extend it and add what your query
 * functions read. Committing to it is an error.
 */
public class ReadOnlyState implements State {
    @Override
    public void beginCommit(Long txid) {
        throw new UnsupportedOperationException(getClass().getName() + " is read-only: it cannot be updated by a "
                + "stream; query it with stateQuery");
    }

    @Override
    public void commit(Long txid) {
        throw new UnsupportedOperationException(getClass().getName() + " is read-only: it cannot be updated by a "
                + "stream; query it with stateQuery");
    }
}
