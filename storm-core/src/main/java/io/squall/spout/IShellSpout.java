package io.squall.spout;

import java.util.List;

/**
 * A spout whose tuples come from a subprocess speaking Storm's multilang protocol (see {@link ShellSpout}).
 */
public interface IShellSpout extends ISpout {
    /** The command line of the subprocess, e.g. {@code [python3, sentences.py]}. */
    List<String> getCommand();
}
