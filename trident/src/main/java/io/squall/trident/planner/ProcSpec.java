package io.squall.trident.planner;

import io.squall.trident.state.StateFactory;

import java.io.Serializable;

/** The serializable description of one operation, shipped with its bolt, that makes its {@link Processor}. */
interface ProcSpec extends Serializable {
    /** A fresh processor for one task. */
    Processor create();

    /** The state this operation updates (so it runs in the commit phase), or null. */
    default StateFactory updatedState() {
        return null;
    }
}
