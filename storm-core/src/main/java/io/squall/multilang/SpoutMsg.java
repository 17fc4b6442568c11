package io.squall.multilang;

/**
 * A command sent to a shell spout: {@code next}, {@code ack}, {@code fail}, {@code activate} or {@code deactivate},
 * with the message id for ack and fail.
 */
public class SpoutMsg {
    private String command;
    private Object id;

    /** The command. */
    public String getCommand() {
        return command;
    }

    /** Sets the command. */
    public void setCommand(String command) {
        this.command = command;
    }

    /** The message id of an ack or fail, as the subprocess emitted it; null otherwise. */
    public Object getId() {
        return id;
    }

    /** Sets the message id. */
    public void setId(Object id) {
        this.id = id;
    }
}
