package io.squall.topology.base;

import io.squall.task.TopologyContext;
import io.squall.topology.IBasicBolt;

import java.util.Map;

/** A basic bolt with empty {@code prepare} and {@code cleanup}. */
public abstract class BaseBasicBolt extends BaseComponent implements IBasicBolt {
    private static final long serialVersionUID = 1L;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context) {
    }

    @Override
    public void cleanup() {
    }
}
