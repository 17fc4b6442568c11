package io.squall.trident.planner;

import io.squall.trident.operation.TridentCollector;

import java.util.List;

/** A {@link TridentCollector} that appends what a user operation emits to a prefix (the input tuple or group). */
final class UserCollector implements TridentCollector {
    private final Processor owner;
    List<Object> prefix = List.of();

    UserCollector(Processor owner) {
        this.owner = owner;
    }

    @Override
    public void emit(List<Object> values) {
        owner.emit(prefix, values);
    }

    @Override
    public void reportError(Throwable t) {
        owner.ctx.collector.reportError(t);
    }
}
