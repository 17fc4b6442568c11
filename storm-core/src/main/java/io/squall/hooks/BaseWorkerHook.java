package io.squall.hooks;

import io.squall.task.WorkerUserContext;

import java.util.Map;

/** A worker hook that does nothing; override what you need. */
public class BaseWorkerHook implements IWorkerHook {
    private static final long serialVersionUID = 1L;

    @Override
    public void start(Map<String, Object> topoConf, WorkerUserContext context) {
    }

    @Override
    public void shutdown() {
    }
}
