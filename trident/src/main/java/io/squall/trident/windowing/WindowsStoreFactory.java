package io.squall.trident.windowing;

import java.io.Serializable;
import java.util.Map;

/** Makes the store of each window partition. */
public interface WindowsStoreFactory extends Serializable {
    /**
     * The store of partition {@code partition} of window {@code windowId} (stable across restarts of the same
     * topology).
     */
    WindowsStore create(Map<String, Object> conf, String windowId, int partition);
}
