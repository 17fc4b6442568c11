package io.squall.topology;

/**
 * Storm's resource requests of a component, for its resource-aware scheduler. Squall has no resource-aware scheduler:
 * the requests are kept in the component's configuration (see {@link ComponentConfigurationDeclarer}) and otherwise
 * have no effect; a topology that makes them compiles and runs unchanged.
 *
 * @param <T> the declarer type returned for chaining
 */
@SuppressWarnings("rawtypes")
public interface ResourceDeclarer<T extends ResourceDeclarer> {
    /** Requests {@code onHeap} MB of on-heap memory for each executor; kept, no effect in Squall. */
    T setMemoryLoad(Number onHeap);

    /** Requests on- and off-heap memory in MB for each executor; kept, no effect in Squall. */
    T setMemoryLoad(Number onHeap, Number offHeap);

    /** Requests CPU for each executor (100 = one core); kept, no effect in Squall. */
    @SuppressWarnings("checkstyle:AbbreviationAsWordInName")
    T setCPULoad(Number amount);

    /** Requests shared memory ({@link SharedOnHeap}, {@link SharedOffHeapWithinNode}, ...); no effect in Squall. */
    T addSharedMemory(SharedMemory request);
}
