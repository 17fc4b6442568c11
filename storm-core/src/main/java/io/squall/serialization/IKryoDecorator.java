package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;

/**
 * Registers classes and serializers of its own with each Kryo instance a topology's workers make, after the classes of
 * {@code topology.kryo.register}: for a library that brings its own serializers. Name it in
 * {@code topology.kryo.decorators} ({@code Config.registerDecorator}); it needs a public no-argument constructor,
 * and must register the same classes in the same order in every worker.
 */
public interface IKryoDecorator {
    /** Registers what this decorator adds with {@code k}. */
    void decorate(Kryo k);
}
