package io.squall.topology.base;

import io.squall.topology.IComponent;

import java.util.Map;

/** A component with no configuration of its own. */
public abstract class BaseComponent implements IComponent {
    private static final long serialVersionUID = 1L;

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return null;
    }
}
