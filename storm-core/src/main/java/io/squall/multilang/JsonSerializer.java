package io.squall.multilang;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.task.TopologyContext;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Storm's multilang encoding: every message is one JSON value followed by a line {@code end}. The default
 * {@code topology.multilang.serializer}. Reads on one thread, writes on another (each side is confined); writes
 * are buffered until {@link #flush}.
 */
public class JsonSerializer implements ISerializer {
    private static final long serialVersionUID = 1L;
    private static final byte[] END = "\nend\n".getBytes(StandardCharsets.UTF_8);
    /** How much of a malformed message an error quotes. */
    private static final int QUOTE_CHARS = 200;

    private transient ObjectMapper mapper;
    private transient OutputStream processIn;
    private transient BufferedReader processOut;

    @Override
    public void initialize(OutputStream processIn, InputStream processOut) {
        this.mapper = new ObjectMapper();
        this.processIn = new BufferedOutputStream(processIn, 1 << 16);
        this.processOut = new BufferedReader(new InputStreamReader(processOut, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public Number connect(Map<String, Object> conf, TopologyContext context) throws IOException, NoOutputException {
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("conf", jsonSafe(conf));
        setup.put("pidDir", context.getPIDDir());
        setup.put("context", mapper.readTree(context.toJSONString()));
        write(setup);
        flush();
        Object answer = readValue();
        if (answer instanceof Map<?, ?> m && m.get("pid") instanceof Number pid) {
            return pid;
        }
        throw new IOException("the subprocess answered the handshake with " + quote(String.valueOf(answer))
                + " instead of {\"pid\": <its pid>}");
    }

    @Override
    public ShellMsg readShellMsg() throws IOException, NoOutputException {
        Object value = readValue();
        if (!(value instanceof Map<?, ?> m)) {
            throw new IOException("expected a JSON object with a \"command\", got " + quote(String.valueOf(value)));
        }
        return toShellMsg(m);
    }

    @Override
    public void writeBoltMsg(BoltMsg msg) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", msg.getId());
        m.put("comp", msg.getComp());
        m.put("stream", msg.getStream());
        m.put("task", msg.getTask());
        m.put("tuple", msg.getTuple());
        write(m);
    }

    @Override
    public void writeSpoutMsg(SpoutMsg msg) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", msg.getCommand());
        if (msg.getId() != null) {
            m.put("id", msg.getId());
        }
        write(m);
    }

    @Override
    public void writeTaskIds(List<Integer> taskIds) throws IOException {
        write(taskIds);
    }

    private void write(Object value) throws IOException {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IOException("a value cannot be written as JSON for the subprocess (only strings, numbers, "
                    + "booleans, lists and maps can): " + e.getOriginalMessage(), e);
        }
        processIn.write(json);
        processIn.write(END);
    }

    @Override
    public void flush() throws IOException {
        processIn.flush();
    }

    /** Reads the lines up to {@code end} and parses them as one JSON value. */
    private Object readValue() throws IOException, NoOutputException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = processOut.readLine();
            if (line == null) {
                throw new NoOutputException("the subprocess's output ended (it exited or closed stdout)"
                        + (text.length() > 0 ? " in the middle of a message: " + quote(text.toString()) : ""));
            }
            if (line.equals("end")) {
                break;
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(line);
        }
        try {
            return mapper.readValue(text.toString(), Object.class);
        } catch (JsonProcessingException e) {
            throw new IOException("the subprocess wrote something that is not JSON followed by a line \"end\" "
                    + "(is it printing to stdout? log with storm.log instead): " + quote(text.toString()), e);
        }
    }

    private static ShellMsg toShellMsg(Map<?, ?> m) throws IOException {
        if (!(m.get("command") instanceof String command)) {
            throw new IOException("a message without a \"command\" string: " + quote(m.toString()));
        }
        ShellMsg msg = new ShellMsg();
        msg.setCommand(command);
        msg.setId(m.get("id"));
        if (m.get("anchors") instanceof List<?> anchors) {
            for (Object a : anchors) {
                msg.addAnchor(String.valueOf(a));
            }
        } else if (m.get("anchors") != null) {
            throw new IOException("\"anchors\" must be a list of tuple ids: " + quote(m.toString()));
        }
        Object stream = m.get("stream");
        msg.setStream(stream == null ? null : String.valueOf(stream));
        if (m.get("task") instanceof Number task) {
            msg.setTask(task.longValue());
        } else if (m.get("task") != null) {
            throw new IOException("\"task\" must be a task id number: " + quote(m.toString()));
        }
        Object tuple = m.get("tuple");
        if (tuple instanceof List<?> values) {
            msg.setTuple(new ArrayList<>(values));
        } else if (tuple != null) {
            throw new IOException("\"tuple\" must be a list of values: " + quote(m.toString()));
        }
        if (m.get("need_task_ids") instanceof Boolean need) {
            msg.setNeedTaskIds(need);
        }
        Object text = m.get("msg");
        msg.setMsg(text == null ? null : String.valueOf(text));
        if (m.get("level") instanceof Number level) {
            msg.setLogLevel(ShellMsg.ShellLogLevel.fromInt(level));
        }
        Object name = m.get("name");
        msg.setMetricName(name == null ? null : String.valueOf(name));
        msg.setMetricParams(m.get("params"));
        return msg;
    }

    /** The configuration with every value JSON can carry; anything else (a class, an object) as its string. */
    private static Object jsonSafe(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), jsonSafe(v)));
            return out;
        }
        if (value instanceof Iterable<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(jsonSafe(v)));
            return out;
        }
        if (value instanceof Class<?> c) {
            return c.getName();
        }
        return String.valueOf(value);
    }

    private static String quote(String text) {
        String oneLine = text.replace('\n', ' ');
        return "'" + (oneLine.length() > QUOTE_CHARS ? oneLine.substring(0, QUOTE_CHARS) + "...'" : oneLine + "'");
    }
}
