package io.squall.task;

import java.util.List;

/**
 * A bolt whose tuples are processed by a subprocess speaking Storm's multilang protocol (see {@link ShellBolt}).
 */
public interface IShellBolt extends IBolt {
    /** The command line of the subprocess, e.g. {@code [python3, splitsentence.py]}. */
    List<String> getCommand();
}
