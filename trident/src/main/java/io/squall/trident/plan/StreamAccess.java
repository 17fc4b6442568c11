package io.squall.trident.plan;

import io.squall.trident.Stream;
import io.squall.trident.TridentState;
import io.squall.trident.state.StateFactory;

/**
 * Not API: how the stream types of other public packages ({@code io.squall.trident.fluent.GroupedStream}, which is
 * where Storm has it) build on a {@link Stream}'s plan without {@code Stream} making its plan node or constructor
 * public. {@code Stream} installs the only {@link Accessor} when its class initialises, so anyone holding a
 * {@code Stream} can call {@link #get()}. Nothing outside Trident's own API should use it; its shape may change in
 * any release.
 */
public final class StreamAccess {
    /** What a stream type outside {@code io.squall.trident} may do with a stream. */
    public interface Accessor {
        /** The plan {@code stream}'s topology builds. */
        TridentPlan plan(Stream stream);

        /** The plan node whose output {@code stream} is. */
        PlanNode node(Stream stream);

        /** A stream of the same topology as {@code like}, the output of {@code node}. */
        Stream stream(Stream like, PlanNode node);

        /** A state of the same topology as {@code like}, updated by {@code node} and made by {@code factory}. */
        TridentState state(Stream like, PlanNode node, StateFactory factory);
    }

    private static volatile Accessor accessor;

    private StreamAccess() {
    }

    /**
     * Installs the accessor; only {@code Stream}'s static initialiser calls this.
     *
     * @throws IllegalStateException if one is installed already
     */
    public static synchronized void install(Accessor streamAccessor) {
        if (accessor != null) {
            throw new IllegalStateException("StreamAccess is installed by io.squall.trident.Stream only, once");
        }
        accessor = streamAccessor;
    }

    /** The accessor; installed once any {@code Stream} exists (a caller that holds one always finds it). */
    public static Accessor get() {
        Accessor a = accessor;
        if (a == null) {
            throw new IllegalStateException("no Stream has been created yet: StreamAccess is installed by "
                    + "io.squall.trident.Stream's class initialisation");
        }
        return a;
    }
}
