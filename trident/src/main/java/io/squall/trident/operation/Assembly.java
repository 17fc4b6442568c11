package io.squall.trident.operation;

import io.squall.trident.Stream;

/** A reusable piece of a stream: {@code stream.applyAssembly(assembly)} is {@code assembly.apply(stream)}. */
public interface Assembly {
    /** The stream with this piece's operations applied. */
    Stream apply(Stream input);
}
