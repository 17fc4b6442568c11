package io.squall.trident.operation;

import java.io.Serializable;
import java.util.Map;

/** Something user-written that runs in a Trident task: prepared once per task, cleaned up when it stops. */
public interface Operation extends Serializable {
    /** Called once on the task's thread before the first batch. */
    void prepare(Map<String, Object> conf, TridentOperationContext context);

    /** Called once when the task stops. */
    void cleanup();
}
