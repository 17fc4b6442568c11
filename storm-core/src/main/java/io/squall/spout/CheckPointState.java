package io.squall.spout;

import java.io.Serializable;

/**
 * Where the checkpoint spout is in its cycle, as Storm's {@code CheckPointState}: the last transaction id
 * and its phase. Kept in the state provider, so a restarted checkpoint spout knows how to recover:
 *
 * <pre>
 *   COMMITTED(n) --PREPARE n+1 acked--> COMMITTING(n+1) --COMMIT acked--> COMMITTED(n+1)
 *        ^   (saved as PREPARING(n+1) before the PREPARE goes out)  |
 *        +------------- ROLLBACK acked (PREPARE n+1 failed) --------+
 * </pre>
 *
 * Recovering from PREPARING(n) rolls back (n is lost), from COMMITTING(n) commits n again (commits are
 * idempotent), from COMMITTED(n) initializes the bolts' state at n. Immutable.
 */
public record CheckPointState(long txid, State state) implements Serializable {
    /** The phase of a transaction. */
    public enum State { COMMITTED, PREPARING, COMMITTING }

    /** What the checkpoint stream tells the bolts, in the {@code action} field. */
    public enum Action {
        /** Stage the changes since the last commit under the transaction id. */
        PREPARE,
        /** Make the staged changes the committed state, and ack the tuples they came from. */
        COMMIT,
        /** Go back to the last commit and fail the tuples not yet committed, so they are replayed. */
        ROLLBACK,
        /** Load the state as of the last commit (the first action after a start). */
        INITSTATE
    }

    /** The state before the first checkpoint. */
    public static CheckPointState initial() {
        return new CheckPointState(0, State.COMMITTED);
    }

    /** The action that brings every bolt back in line with this state after the spout (re)starts. */
    public Action recoveryAction() {
        return switch (state) {
            case COMMITTED -> Action.INITSTATE;
            case PREPARING -> Action.ROLLBACK;
            case COMMITTING -> Action.COMMIT;
        };
    }
}
