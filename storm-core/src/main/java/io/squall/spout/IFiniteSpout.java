package io.squall.spout;

/**
 * A spout over a bounded input (a file, a replay of history, a test's fixed list) that can say it has emitted
 * everything it will. With event time ({@code SpoutDeclarer.withEventTime}) its task then sends the final
 * watermark, which fires every window downstream, stage after stage.
 */
public interface IFiniteSpout extends ISpout {
    /**
     * Whether the spout has emitted all it will, replays of failed tuples included. Called on the spout's thread
     * after each round; once true it should stay true. A tuple that fails afterwards and is emitted again
     * comes after the final watermark: it is late wherever a window by event time has fired.
     */
    boolean isFinished();
}
