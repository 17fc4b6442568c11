package io.squall.multilang;

import io.squall.task.TopologyContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Encodes the multilang protocol between a shell component and its subprocess; chosen per topology by
 * {@code topology.multilang.serializer} ({@link JsonSerializer} by default). An implementation needs a public
 * no-argument constructor. Each instance serves one subprocess: reads come from one thread, writes from another.
 */
public interface ISerializer extends Serializable {
    /** Binds the serializer to the subprocess's stdin ({@code processIn}) and stdout ({@code processOut}). */
    void initialize(OutputStream processIn, InputStream processOut);

    /**
     * The handshake: sends the configuration, the task's context and the pid directory, and reads the
     * subprocess's pid.
     *
     * @return the pid the subprocess reported
     * @throws NoOutputException if the subprocess ended before answering
     */
    Number connect(Map<String, Object> conf, TopologyContext context) throws IOException, NoOutputException;

    /**
     * The next message of the subprocess.
     *
     * @throws NoOutputException if its output ended
     * @throws IOException       if the output cannot be read or is not a valid message (the message says why)
     */
    ShellMsg readShellMsg() throws IOException, NoOutputException;

    /** Sends a tuple (or heartbeat) to a shell bolt. */
    void writeBoltMsg(BoltMsg msg) throws IOException;

    /** Sends a command to a shell spout. */
    void writeSpoutMsg(SpoutMsg msg) throws IOException;

    /** Answers an emit with the task ids the tuple went to. */
    void writeTaskIds(List<Integer> taskIds) throws IOException;

    /**
     * Pushes buffered writes to the subprocess; called whenever nothing more is queued for it, so a serializer
     * may leave its writes buffered until then. A serializer that flushes every write need not override it.
     */
    default void flush() throws IOException {
    }
}
