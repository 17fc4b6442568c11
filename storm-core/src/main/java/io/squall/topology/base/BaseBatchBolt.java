package io.squall.topology.base;

import io.squall.coordination.IBatchBolt;

/**
 * A batch bolt with no component configuration to override.
 *
 * @param <T> the batch id type
 */
public abstract class BaseBatchBolt<T> extends BaseComponent implements IBatchBolt<T> {
    private static final long serialVersionUID = 1L;
}
