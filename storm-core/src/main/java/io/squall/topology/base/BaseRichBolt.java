package io.squall.topology.base;

import io.squall.topology.IRichBolt;

/** A bolt with an empty {@code cleanup}. */
public abstract class BaseRichBolt extends BaseComponent implements IRichBolt {
    private static final long serialVersionUID = 1L;

    @Override
    public void cleanup() {
    }
}
