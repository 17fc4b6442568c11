package io.squall.trident.windowing;

import java.io.Serializable;
import java.util.Map;

/**
 * Makes the {@link WindowsStore} of each task of a window operation; handed to {@code Stream.window} and the other
 * window operations, so serialized with the topology.
 */
public interface WindowsStoreFactory extends Serializable {
    /** The store of one task, made when the task starts; {@code topoConf} is the topology's configuration. */
    WindowsStore create(Map<String, Object> topoConf);
}
