package io.squall.runtime.agent;

/**
 * A unit of work driven by one thread at a time: {@link #onStart()} once, then {@link #doWork()} repeatedly,
 * then {@link #onClose()} once. Whoever drives it (an {@link AgentRunner} on its own thread in production,
 * a {@link DeterministicDriver} in tests) calls all three from the same thread, so an agent's state needs no
 * locks; other threads reach it only through its queue.
 */
public interface Agent {
    /** The agent's name, for threads and logs. */
    String name();

    /** Prepares the agent. Driving thread, before any {@link #doWork()}. */
    void onStart() throws Exception;

    /**
     * Does what is ready to be done now and returns without waiting.
     *
     * @return how much work it did; zero says the agent is idle until a message arrives or time passes
     */
    int doWork() throws Exception;

    /** Releases what the agent holds. Driving thread, once, after the last {@link #doWork()}, even after an error. */
    void onClose();
}
