package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;

import java.util.Map;

/**
 * Makes and adjusts the Kryo instances that serialize a topology's tuples, in place of {@link DefaultKryoFactory}:
 * name it in {@code topology.kryo.factory} ({@code Config.setKryoFactory}); it needs a public no-argument
 * constructor. For each Kryo instance (one per serializing thread, in every worker) Squall makes a factory and calls,
 * in order:
 * <ol>
 *   <li>{@link #getKryo}, which makes the instance; Squall then points it at the topology's class loader, and
 *       registers its own classes (collections, arrays, its messages);</li>
 *   <li>{@link #preRegister}, then Squall registers the classes of {@code topology.kryo.register};</li>
 *   <li>{@link #postRegister}, then the {@link IKryoDecorator}s of {@code topology.kryo.decorators} decorate it;</li>
 *   <li>{@link #postDecorate}.</li>
 * </ol>
 * The order is Storm's. Every worker must end up with the same registrations in the same order, so a factory
 * registers the same classes whatever worker or thread it runs in. Each method is passed the topology's
 * configuration, read-only.
 */
public interface IKryoFactory {
    /** A new Kryo instance, before any registration. */
    Kryo getKryo(Map<String, Object> conf);

    /** Called after Squall's own registrations, before the topology's. */
    void preRegister(Kryo k, Map<String, Object> conf);

    /** Called after the registrations of {@code topology.kryo.register}, before the decorators. */
    void postRegister(Kryo k, Map<String, Object> conf);

    /** Called last, after the decorators of {@code topology.kryo.decorators}. */
    void postDecorate(Kryo k, Map<String, Object> conf);
}
