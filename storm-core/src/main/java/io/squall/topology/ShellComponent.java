package io.squall.topology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Storm's description of a shell component's command: an interpreter and a script, as in {@code python3 split.py}. */
public class ShellComponent implements Serializable {
    private static final long serialVersionUID = 1L;

    private String executionCommand;
    private String script;

    /** An empty command; set both parts before use. */
    public ShellComponent() {
    }

    /** The command {@code executionCommand script}; an empty or null execution command runs the script itself. */
    public ShellComponent(String executionCommand, String script) {
        this.executionCommand = executionCommand;
        this.script = script;
    }

    /** The interpreter, e.g. {@code python3}. */
    public String get_execution_command() {
        return executionCommand;
    }

    /** Sets the interpreter. */
    public void set_execution_command(String executionCommand) {
        this.executionCommand = executionCommand;
    }

    /** The script, relative to the topology's resources directory. */
    public String get_script() {
        return script;
    }

    /** Sets the script. */
    public void set_script(String script) {
        this.script = script;
    }

    /** The command line: the interpreter (if any) and the script. */
    public String[] toCommand() {
        List<String> cmd = new ArrayList<>();
        if (executionCommand != null && !executionCommand.isBlank()) {
            cmd.add(executionCommand);
        }
        if (script != null && !script.isBlank()) {
            cmd.add(script);
        }
        return cmd.toArray(new String[0]);
    }
}
