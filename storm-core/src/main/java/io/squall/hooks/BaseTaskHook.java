package io.squall.hooks;

import io.squall.hooks.info.BoltAckInfo;
import io.squall.hooks.info.BoltExecuteInfo;
import io.squall.hooks.info.BoltFailInfo;
import io.squall.hooks.info.EmitInfo;
import io.squall.hooks.info.SpoutAckInfo;
import io.squall.hooks.info.SpoutFailInfo;
import io.squall.task.TopologyContext;

import java.util.Map;

/** A task hook that ignores every event; override the ones you need. */
public class BaseTaskHook implements ITaskHook {
    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
    }

    @Override
    public void cleanup() {
    }

    @Override
    public void emit(EmitInfo info) {
    }

    @Override
    public void spoutAck(SpoutAckInfo info) {
    }

    @Override
    public void spoutFail(SpoutFailInfo info) {
    }

    @Override
    public void boltExecute(BoltExecuteInfo info) {
    }

    @Override
    public void boltAck(BoltAckInfo info) {
    }

    @Override
    public void boltFail(BoltFailInfo info) {
    }
}
