package io.squall.spout;

import io.squall.multilang.ShellMsg;
import io.squall.multilang.ShellRunner;
import io.squall.multilang.SpoutMsg;
import io.squall.task.TopologyContext;
import io.squall.topology.ShellComponent;
import io.squall.utils.Utils;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A spout whose tuples come from a subprocess speaking Storm's multilang protocol, such as a Python script built
 * on {@code storm.py}. Subclass it, implement {@code IRichSpout} and declare the output fields, as with
 * {@link io.squall.task.ShellBolt}.
 *
 * <p>{@code nextTuple}, {@code ack}, {@code fail}, {@code activate} and {@code deactivate} each send the
 * subprocess the command of that name and handle what it writes back until its {@code sync}. A subprocess that
 * dies, does not answer within {@code topology.subprocess.timeout.secs}, writes something that is not the protocol
 * or emits on an undeclared stream is reported as an error of the component and restarted; the acks and fails
 * that arrive meanwhile are passed to the new subprocess once it runs (the message ids are the ones the
 * subprocess emitted, so a script that keeps its pending ids outside the process can replay them). Executor
 * thread only.
 */
public class ShellSpout implements IShellSpout {
    private static final long serialVersionUID = 1L;
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Queue for the subprocess: the protocol has one command and one task-id answer in flight at most. */
    private static final int WRITE_CAPACITY = 16;

    private final String[] command;
    private Map<String, String> env = new HashMap<>();
    private boolean changeDirectory = true;

    private transient SpoutOutputCollector collector;
    private transient ShellRunner runner;
    private transient Deque<SpoutMsg> deferred;

    /** A spout running {@code command}, e.g. {@code new ShellSpout("python3", "sentences.py")}. */
    public ShellSpout(String... command) {
        if (command == null || command.length == 0) {
            throw new IllegalArgumentException("A ShellSpout needs a command, e.g. new ShellSpout(\"python3\", "
                    + "\"sentences.py\")");
        }
        this.command = command.clone();
    }

    /** A spout running Storm's shell component description. */
    public ShellSpout(ShellComponent component) {
        this(component.toCommand());
    }

    /** Sets environment variables of the subprocess, added to the worker's. */
    public ShellSpout setEnv(Map<String, String> env) {
        this.env = new HashMap<>(env);
        return this;
    }

    /** The environment variables set with {@link #setEnv}. */
    public Map<String, String> getEnv() {
        return env;
    }

    /** Whether the subprocess runs in the extracted resources directory (the default) or the worker's. */
    public void changeChildCWD(boolean changeDirectory) {
        this.changeDirectory = changeDirectory;
    }

    /** Whether the subprocess runs in the resources directory. */
    public boolean shouldChangeChildCWD() {
        return changeDirectory;
    }

    @Override
    public List<String> getCommand() {
        return List.of(command);
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.deferred = new ArrayDeque<>();
        this.runner = new ShellRunner("ShellSpout", Arrays.asList(command), env, changeDirectory, conf, context,
                collector::reportError, () -> { }, WRITE_CAPACITY);
        runner.ensureRunning();
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }

    @Override
    public void activate() {
        if (runner.ensureRunning()) {
            request("activate", null);
        }
    }

    @Override
    public void deactivate() {
        if (runner.isRunning()) {
            request("deactivate", null);
        }
    }

    @Override
    public void nextTuple() {
        if (!runner.ensureRunning()) {
            return;
        }
        while (!deferred.isEmpty() && runner.isRunning()) {
            SpoutMsg m = deferred.peekFirst();
            if (request(m.getCommand(), m.getId())) {
                deferred.removeFirst();
            }
        }
        if (runner.isRunning()) {
            request("next", null);
        }
    }

    @Override
    public void ack(Object msgId) {
        tell("ack", msgId);
    }

    @Override
    public void fail(Object msgId) {
        tell("fail", msgId);
    }

    private void tell(String what, Object msgId) {
        if (!deferred.isEmpty() || !runner.isRunning() || !request(what, msgId)) {
            SpoutMsg m = new SpoutMsg();
            m.setCommand(what);
            m.setId(msgId);
            deferred.addLast(m);
        }
    }

    /**
     * Sends a command and handles the subprocess's answer up to its {@code sync}. False if the subprocess failed
     * before it answered (a fault, already reported).
     */
    private boolean request(String what, Object id) {
        SpoutMsg m = new SpoutMsg();
        m.setCommand(what);
        m.setId(id);
        long askedAt = System.nanoTime();
        if (!send(m, askedAt)) {
            return false;
        }
        while (runner.isRunning()) {
            ShellMsg msg = runner.poll(WAIT_SLICE_NANOS);
            if (msg == null) {
                runner.checkHung(askedAt);
                continue;
            }
            switch (msg.getCommand()) {
                case "sync" -> {
                    return true;
                }
                case "emit" -> emit(msg, askedAt);
                default -> {
                    if (!runner.handleCommon(msg)) {
                        runner.fault("the subprocess sent the unknown command '" + msg.getCommand() + "' (a spout "
                                + "may send emit, sync, log, error, metrics)", null);
                    }
                }
            }
        }
        return false;
    }

    private boolean send(Object msg, long askedAt) {
        while (!runner.offer(msg)) {
            if (!runner.isRunning() || runner.checkHung(askedAt)) {
                return false;
            }
            ShellMsg early = runner.poll(WAIT_SLICE_NANOS);
            if (early != null) {
                runner.fault("the subprocess sent '" + early.getCommand() + "' when nothing was asked", null);
                return false;
            }
        }
        return true;
    }

    private void emit(ShellMsg msg, long askedAt) {
        if (msg.getTuple() == null) {
            runner.fault("the subprocess sent an emit without a \"tuple\"", null);
            return;
        }
        String stream = msg.getStream() == null ? Utils.DEFAULT_STREAM_ID : msg.getStream();
        List<Integer> taskIds;
        try {
            if (msg.getTask() != 0) {
                collector.emitDirect((int) msg.getTask(), stream, msg.getTuple(), msg.getId());
                return;
            }
            taskIds = collector.emit(stream, msg.getTuple(), msg.getId());
        } catch (IllegalArgumentException e) {
            runner.fault("the subprocess emitted " + msg.getTuple() + " on stream '" + stream + "', which this spout "
                    + "cannot emit: " + e.getMessage(), e);
            return;
        }
        if (msg.areTaskIdsNeeded()) {
            runner.sendTaskIds(taskIds);
        }
    }
}
