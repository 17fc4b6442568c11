package io.squall.runtime.executor;

import java.util.concurrent.atomic.LongAdder;

/**
 * A bolt that drops late tuples and counts them where the runtime tells it, so they show in the component's
 * statistics ({@code lateTuples}). Windowed bolts and Trident windows implement it.
 */
public interface LateTupleCounting {
    /** Where late tuples are counted; the runtime passes its per-component counter before {@code prepare}. */
    void countLateTuplesIn(LongAdder counter);
}
