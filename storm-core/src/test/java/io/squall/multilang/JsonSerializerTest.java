package io.squall.multilang;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSerializerTest {
    private static JsonSerializer reading(String processOutput, ByteArrayOutputStream processInput) {
        JsonSerializer s = new JsonSerializer();
        s.initialize(processInput, new ByteArrayInputStream(processOutput.getBytes(StandardCharsets.UTF_8)));
        return s;
    }

    @Test
    void readsEveryFieldOfABoltsEmit() throws Exception {
        JsonSerializer s = reading("{\"command\": \"emit\", \"anchors\": [\"7\", \"8\"], \"stream\": \"words\",\n"
                + "\"task\": 4, \"tuple\": [\"cow\", 2], \"need_task_ids\": false}\nend\n"
                + "{\"command\": \"log\", \"msg\": \"hi\", \"level\": 3}\nend\n", new ByteArrayOutputStream());
        ShellMsg emit = s.readShellMsg();
        assertEquals("emit", emit.getCommand());
        assertEquals(List.of("7", "8"), emit.getAnchors());
        assertEquals("words", emit.getStream());
        assertEquals(4, emit.getTask());
        assertEquals(List.of("cow", 2), emit.getTuple());
        assertFalse(emit.areTaskIdsNeeded());
        ShellMsg log = s.readShellMsg();
        assertEquals(ShellMsg.ShellLogLevel.WARN, log.getLogLevel());
        assertEquals("hi", log.getMsg());
        assertThrows(NoOutputException.class, s::readShellMsg);
    }

    @Test
    void writesEachMessageAsJsonAndEndOnceFlushed() throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        JsonSerializer s = reading("", in);
        BoltMsg msg = new BoltMsg();
        msg.setId("1");
        msg.setComp("sentences");
        msg.setStream("default");
        msg.setTask(3);
        msg.setTuple(List.of("the cow"));
        s.writeBoltMsg(msg);
        s.writeTaskIds(List.of(5, 6));
        assertEquals(0, in.size(), "buffered until flushed");
        s.flush();
        assertEquals("{\"id\":\"1\",\"comp\":\"sentences\",\"stream\":\"default\",\"task\":3,\"tuple\":[\"the cow\"]}\n"
                + "end\n[5,6]\nend\n", in.toString(StandardCharsets.UTF_8));
    }

    @Test
    void somethingThatIsNotTheProtocolIsAnErrorQuotingIt() {
        JsonSerializer garbage = reading("Hello from a stray print\nend\n", new ByteArrayOutputStream());
        IOException e = assertThrows(IOException.class, garbage::readShellMsg);
        assertTrue(e.getMessage().contains("not JSON") && e.getMessage().contains("Hello from a stray print"),
                e.getMessage());
        JsonSerializer noCommand = reading("{\"id\": 3}\nend\n", new ByteArrayOutputStream());
        e = assertThrows(IOException.class, noCommand::readShellMsg);
        assertTrue(e.getMessage().contains("\"command\""), e.getMessage());
        JsonSerializer badTuple = reading("{\"command\": \"emit\", \"tuple\": 5}\nend\n", new ByteArrayOutputStream());
        e = assertThrows(IOException.class, badTuple::readShellMsg);
        assertTrue(e.getMessage().contains("\"tuple\" must be a list"), e.getMessage());
    }
}
