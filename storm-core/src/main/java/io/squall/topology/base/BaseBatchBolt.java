package io.squall.topology.base;

import io.squall.coordination.IBatchBolt;

/** Base class for {@link IBatchBolt}s. */
public abstract class BaseBatchBolt<T> extends BaseComponent implements IBatchBolt<T> {
}
