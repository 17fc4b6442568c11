package io.squall.task;

import io.squall.config.ConfigKeys;
import io.squall.multilang.BoltMsg;
import io.squall.multilang.ShellMsg;
import io.squall.multilang.ShellRunner;
import io.squall.runtime.api.TimedBolt;
import io.squall.topology.ShellComponent;
import io.squall.tuple.Tuple;
import io.squall.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bolt that runs its tuples through a subprocess speaking Storm's multilang protocol, such as a Python script
 * built on {@code storm.py}. Subclass it, implement {@code IRichBolt} and declare the output fields:
 *
 * <pre>{@code
 * public class SplitSentence extends ShellBolt implements IRichBolt {
 *     public SplitSentence() { super("python3", "splitsentence.py"); }
 *     public void declareOutputFields(OutputFieldsDeclarer declarer) { declarer.declare(new Fields("word")); }
 *     public Map<String, Object> getComponentConfiguration() { return null; }
 * }
 * }</pre>
 *
 * The script ships in the topology JAR's {@code resources/} folder, which the worker extracts; the subprocess
 * runs there. Each input gets an id the subprocess names when it acks, fails or anchors an emit to it. A
 * heartbeat tuple goes out every second; a subprocess that dies, answers nothing for
 * {@code topology.subprocess.timeout.secs}, writes something that is not the protocol, or emits on a stream
 * this bolt does not declare is reported as an error of the component, its pending inputs are failed (their
 * spouts replay them) and it is restarted. Tuples that arrive while it restarts are failed as well.
 *
 * <p>All methods run on the bolt's executor thread; the subprocess's output is read by a thread of its own and
 * handled here, between tuples and on the executor's timer ({@link TimedBolt}).
 */
public class ShellBolt implements IShellBolt, TimedBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShellBolt.class);
    /** The stream of the heartbeat tuples sent to the subprocess, which answers each with {@code sync}. */
    public static final String HEARTBEAT_STREAM_ID = "__heartbeat";
    private static final long HEARTBEAT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Most subprocess messages handled in one go, so that a chatty subprocess does not starve the executor. */
    private static final int MAX_MESSAGES_PER_DRAIN = 4096;
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long DOWN_LOG_INTERVAL_MS = 10_000;

    private final String[] command;
    private Map<String, String> env = new HashMap<>();
    private boolean changeDirectory = true;

    private transient OutputCollector collector;
    private transient ShellRunner runner;
    private transient Map<String, Tuple> inputs;
    private transient long nextId;
    private transient boolean heartbeatPending;
    private transient long heartbeatSentNanos;
    private transient long lastHeartbeatNanos;
    private transient long failedWhileDown;
    private transient long lastDownLogMs;

    /** A bolt running {@code command}, e.g. {@code new ShellBolt("python3", "splitsentence.py")}. */
    public ShellBolt(String... command) {
        if (command == null || command.length == 0) {
            throw new IllegalArgumentException("A ShellBolt needs a command, e.g. new ShellBolt(\"python3\", "
                    + "\"splitsentence.py\")");
        }
        this.command = command.clone();
    }

    /** A bolt running Storm's shell component description. */
    public ShellBolt(ShellComponent component) {
        this(component.toCommand());
    }

    /** Sets environment variables of the subprocess, added to the worker's. */
    public ShellBolt setEnv(Map<String, String> env) {
        this.env = new HashMap<>(env);
        return this;
    }

    /** The environment variables set with {@link #setEnv}. */
    public Map<String, String> getEnv() {
        return env;
    }

    /**
     * Whether the subprocess runs in the directory the topology's {@code resources/} were extracted to (the
     * default) or in the worker's working directory.
     */
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
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.inputs = new HashMap<>();
        int maxPending = topoConf.get(ConfigKeys.TOPOLOGY_SHELLBOLT_MAX_PENDING.name()) instanceof Number n
                ? Math.max(1, n.intValue()) : (Integer) ConfigKeys.TOPOLOGY_SHELLBOLT_MAX_PENDING.defaultValue();
        this.runner = new ShellRunner("ShellBolt", Arrays.asList(command), env, changeDirectory, topoConf, context,
                collector::reportError, this::failPending, maxPending);
        runner.ensureRunning();
        lastHeartbeatNanos = System.nanoTime();
    }

    @Override
    public void execute(Tuple input) {
        if (!runner.ensureRunning()) {
            failWhileDown(input);
            return;
        }
        drain();
        if (!runner.isRunning()) {
            failWhileDown(input);
            return;
        }
        String id = Long.toString(nextId++);
        inputs.put(id, input);
        BoltMsg msg = new BoltMsg();
        msg.setId(id);
        msg.setComp(input.getSourceComponent());
        msg.setStream(input.getSourceStreamId());
        msg.setTask(input.getSourceTask());
        msg.setTuple(input.getValues());
        if (send(msg)) {
            drain();
        }
    }

    @Override
    public void onTime(long nowMillis) {
        if (!runner.isRunning()) {
            runner.ensureRunning();
            return;
        }
        drain();
        long now = System.nanoTime();
        if (!heartbeatPending && now - lastHeartbeatNanos >= HEARTBEAT_INTERVAL_NANOS && runner.isRunning()) {
            BoltMsg hb = new BoltMsg();
            hb.setId(Long.toString(nextId++));
            hb.setComp("");
            hb.setStream(HEARTBEAT_STREAM_ID);
            hb.setTask(-1);
            hb.setTuple(List.of());
            if (runner.offer(hb)) {
                heartbeatPending = true;
                heartbeatSentNanos = now;
                lastHeartbeatNanos = now;
            }
        }
        if (heartbeatPending) {
            runner.checkHung(heartbeatSentNanos);
        }
    }

    @Override
    public void cleanup() {
        if (runner != null) {
            runner.close();
        }
    }

    /** Queues a message for the subprocess, handling its output while the queue is full. False after a fault. */
    private boolean send(Object msg) {
        long since = System.nanoTime();
        while (!runner.offer(msg)) {
            if (!runner.isRunning()) {
                return false;
            }
            ShellMsg reply = runner.poll(WAIT_SLICE_NANOS);
            if (reply != null) {
                handle(reply);
            } else if (runner.isRunning()) {
                runner.checkHung(since);
            }
        }
        return true;
    }

    /** Handles what the subprocess has written so far. */
    private void drain() {
        for (int i = 0; i < MAX_MESSAGES_PER_DRAIN && runner.isRunning(); i++) {
            ShellMsg msg = runner.poll(0);
            if (msg == null) {
                return;
            }
            handle(msg);
        }
    }

    private void handle(ShellMsg msg) {
        switch (msg.getCommand()) {
            case "ack" -> {
                Tuple t = takeInput(msg);
                if (t != null) {
                    collector.ack(t);
                }
            }
            case "fail" -> {
                Tuple t = takeInput(msg);
                if (t != null) {
                    collector.fail(t);
                }
            }
            case "sync" -> heartbeatPending = false;
            case "emit" -> emit(msg);
            default -> {
                if (!runner.handleCommon(msg)) {
                    runner.fault("the subprocess sent the unknown command '" + msg.getCommand() + "' (a bolt may "
                            + "send emit, ack, fail, sync, log, error, metrics)", null);
                }
            }
        }
    }

    private Tuple takeInput(ShellMsg msg) {
        Tuple t = inputs.remove(String.valueOf(msg.getId()));
        if (t == null) {
            LOG.warn("{} sent {} for tuple id {}, which it already acked or failed or never received; ignored",
                    runner.label(), msg.getCommand(), msg.getId());
        }
        return t;
    }

    private void emit(ShellMsg msg) {
        if (msg.getTuple() == null) {
            runner.fault("the subprocess sent an emit without a \"tuple\"", null);
            return;
        }
        List<Tuple> anchors = new ArrayList<>(msg.getAnchors().size());
        for (String a : msg.getAnchors()) {
            Tuple t = inputs.get(a);
            if (t == null) {
                runner.fault("the subprocess anchored an emit to tuple id '" + a + "', which it already acked or "
                        + "failed or never received", null);
                return;
            }
            anchors.add(t);
        }
        String stream = msg.getStream() == null ? Utils.DEFAULT_STREAM_ID : msg.getStream();
        List<Integer> taskIds;
        try {
            if (msg.getTask() != 0) {
                collector.emitDirect((int) msg.getTask(), stream, anchors, msg.getTuple());
                return;
            }
            taskIds = collector.emit(stream, anchors, msg.getTuple());
        } catch (IllegalArgumentException e) {
            runner.fault("the subprocess emitted " + msg.getTuple() + " on stream '" + stream + "', which this bolt "
                    + "cannot emit: " + e.getMessage(), e);
            return;
        }
        if (msg.areTaskIdsNeeded()) {
            runner.sendTaskIds(taskIds);
        }
    }

    /** After a fault: fails every input the dead subprocess held, so that its spouts replay them. */
    private void failPending() {
        if (!inputs.isEmpty()) {
            LOG.warn("{}: failing {} pending tuples of the dead subprocess", runner.label(), inputs.size());
        }
        for (Tuple t : inputs.values()) {
            collector.fail(t);
        }
        inputs.clear();
        heartbeatPending = false;
    }

    private void failWhileDown(Tuple input) {
        collector.fail(input);
        failedWhileDown++;
        long now = System.currentTimeMillis();
        if (now - lastDownLogMs >= DOWN_LOG_INTERVAL_MS) {
            lastDownLogMs = now;
            LOG.warn("{}: the subprocess is restarting; {} tuples failed meanwhile so far (their spouts replay them)",
                    runner.label(), failedWhileDown);
        }
    }
}
