package io.squall.flux.parser;

import io.squall.flux.api.FluxException;
import io.squall.flux.model.BeanListReference;
import io.squall.flux.model.BeanReference;
import io.squall.flux.model.BoltDef;
import io.squall.flux.model.GroupingDef;
import io.squall.flux.model.TopologyDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FluxParserTest {
    @TempDir
    Path dir;

    private static TopologyDef resource(String name) throws IOException {
        return FluxParser.parseResource("/configs/" + name, false, true, null, false);
    }

    private TopologyDef file(String yaml) throws IOException {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, yaml);
        return FluxParser.parseFile(f.toString(), false, true, null, false);
    }

    private String error(String yaml) {
        return assertThrows(FluxException.class, () -> file(yaml)).getMessage();
    }

    private static final String SPOUT = "spouts:\n  - id: s\n    className: org.apache.storm.testing.TestWordSpout\n";
    private static final String BOLT = "bolts:\n  - id: b\n    className: org.apache.storm.testing.TestWordCounter\n";

    @Test
    void readsAWordCount() throws IOException {
        TopologyDef def = resource("word_count.yaml");
        assertEquals("flux-word-count", def.getName());
        assertEquals(1, def.getConfig().get("topology.workers"));
        assertEquals(false, def.getConfig().get("topology.debug"));
        assertEquals(1, def.getSpouts().size());
        assertEquals(List.of("counter", "logger"), def.getBolts().stream().map(BoltDef::getId).toList());
        assertEquals(2, def.getBoltDef("counter").getParallelism());
        assertEquals("each word to its counter", def.getStreams().get(0).getName());
        assertEquals(GroupingDef.Type.FIELDS, def.getStreams().get(0).getGrouping().getType());
        assertEquals(List.of("word"), def.getStreams().get(0).getGrouping().getArgs());
        assertEquals(GroupingDef.Type.SHUFFLE, def.getStreams().get(1).getGrouping().getType());
        assertTrue(def.isDslTopology());
    }

    @Test
    void readsTasksResourcesAndACustomGrouping() throws IOException {
        TopologyDef def = resource("tasks_and_resources.yaml");
        assertEquals(4, def.getSpoutDef("source").getNumTasks());
        assertEquals(256.0, def.getSpoutDef("source").getOnHeapMemoryLoad());
        assertEquals(64.0, def.getSpoutDef("source").getOffHeapMemoryLoad());
        assertEquals(12, def.getBoltDef("wide").getNumTasks());
        assertEquals(25.0, def.getBoltDef("wide").getCpuLoad());
        assertEquals(-1, def.getBoltDef("first-two").getNumTasks());
        GroupingDef custom = def.getStreams().get(1).getGrouping();
        assertEquals(GroupingDef.Type.CUSTOM, custom.getType());
        assertEquals("org.apache.storm.testing.NGrouping", custom.getCustomClass().getClassName());
        assertEquals(List.of(2), custom.getCustomClass().getConstructorArgs());
    }

    @Test
    void substitutesPropertiesListElementsAndEnvironment() throws IOException {
        Properties props = FluxParser.parseProperties("/configs/substitution.properties", true);
        TopologyDef def = FluxParser.parseResource("/configs/substitution.yaml", false, true, props, true);
        assertEquals("flux-substitution", def.getName());
        assertEquals(System.getenv("PATH"), def.getConfig().get("flux.test.search.path"));
        assertEquals(List.of("broker-a:9092", "broker-b:9092"), def.getConfig().get("flux.test.brokers"));
        assertEquals("broker-b:9092", def.getConfig().get("flux.test.second.broker"));
        assertEquals(3, def.getBoltDef("counter").getParallelism(), "a number filled in is read as a number");
    }

    @Test
    void leavesUnknownPropertiesAndEnvWithoutEnvFilterAsWritten() throws IOException {
        Properties props = new Properties();
        props.setProperty("known", "yes");
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "name: \"t-${known}\"\nconfig:\n  a: \"${unknown.key}\"\n  b: \"${ENV-PATH}\"\n"
                + "  c: \"${known}-${known}\"\n" + SPOUT);
        TopologyDef def = FluxParser.parseFile(f.toString(), false, true, props, false);
        assertEquals("t-yes", def.getName());
        assertEquals("${unknown.key}", def.getConfig().get("a"));
        assertEquals("${ENV-PATH}", def.getConfig().get("b"));
        assertEquals("yes-yes", def.getConfig().get("c"));
    }

    @Test
    void includesWithoutOverrideKeepThisFilesDefinitions() throws IOException {
        TopologyDef def = resource("include.yaml");
        assertEquals("flux-includes", def.getName());
        assertEquals(1, def.getSpouts().size());
        assertEquals(3, def.getBolts().size());
        assertEquals(3, def.getStreams().size());
        assertEquals(1, def.getConfig().get("topology.workers"));
        assertEquals(50, def.getConfig().get("topology.max.spout.pending"));
        assertEquals("addComponentConfig", def.getSpoutDef("sentences").getConfigMethods().get(0).getName());
    }

    @Test
    void includesWithOverrideReplaceDefinitionsOfTheSameId() throws IOException {
        TopologyDef def = file("name: mine\nconfig:\n  topology.workers: 3\n  mine.only: 1\n"
                + "includes:\n  - resource: true\n    file: /configs/word_count.yaml\n    override: true\n"
                + "bolts:\n  - id: logger\n    className: my.Bolt\n");
        assertEquals("flux-word-count", def.getName());
        assertEquals(1, def.getConfig().get("topology.workers"));
        assertEquals(1, def.getConfig().get("mine.only"));
        assertEquals("org.apache.storm.flux.wrappers.bolts.LogInfoBolt", def.getBoltDef("logger").getClassName());

        TopologyDef kept = file("name: mine\nconfig:\n  topology.workers: 3\n"
                + "includes:\n  - resource: true\n    file: /configs/word_count.yaml\n"
                + "bolts:\n  - id: logger\n    className: my.Bolt\n");
        assertEquals("mine", kept.getName());
        assertEquals(3, kept.getConfig().get("topology.workers"));
        assertEquals("my.Bolt", kept.getBoltDef("logger").getClassName());
        assertEquals("org.apache.storm.testing.TestWordCounter", kept.getBoltDef("counter").getClassName());
    }

    @Test
    void includesAFileByPath() throws IOException {
        Path inc = dir.resolve("inc.yaml");
        Files.writeString(inc, "name: included\n" + SPOUT);
        TopologyDef def = file("includes:\n  - file: \"" + inc + "\"\n");
        assertEquals("included", def.getName());
        assertEquals("s", def.getSpouts().get(0).getId());
    }

    @Test
    void readsRefsReflistsConfigMethodsPropertiesAndFactories() throws IOException {
        TopologyDef def = resource("config_methods.yaml");
        BoltDef bolt = def.getBoltDef("configured");
        assertEquals(List.of("BAR", 2.5, false, new BeanListReference(List.of("beta", "alpha"))),
                bolt.getConstructorArgs());
        assertEquals(8, bolt.getConfigMethods().size());
        assertEquals("withNone", bolt.getConfigMethods().get(2).getName());
        assertTrue(bolt.getConfigMethods().get(2).getArgs().isEmpty());
        assertEquals(List.of("up", "down"), bolt.getConfigMethods().get(3).getArgs());
        assertEquals(List.of(new BeanReference("forty-five-minutes")), bolt.getConfigMethods().get(5).getArgs());
        assertEquals("two-hours", bolt.getProperties().get(0).getRef());
        assertEquals(64, bolt.getProperties().get(1).getValue());
        assertEquals("ofHours", def.getComponent("two-hours").getFactory());
        assertEquals(List.of(2), def.getComponent("two-hours").getFactoryArgs());
        assertEquals("newInstance", def.getBoltDef("factory-default").getFactory());
        assertEquals(List.of("FOO"), def.getBoltDef("factory-with-enum").getFactoryArgs());
    }

    @Test
    void readsTopologySourcesAndTheirMethodName() throws IOException {
        TopologyDef def = resource("source_method_name.yaml");
        assertFalse(def.isDslTopology());
        assertEquals("getTopologyWithDifferentMethodName", def.getTopologySource().getMethodName());
        assertEquals(List.of("up", "down"), def.getTopologySource().getConstructorArgs());
        assertEquals("getTopology", resource("source_interface.yaml").getTopologySource().getMethodName());
    }

    @Test
    void readsWorkerHooks() throws IOException {
        TopologyDef def = resource("worker_hooks.yaml");
        assertEquals("org.apache.storm.hooks.BaseWorkerHook", def.getWorkerHook("storm-named-hook").getClassName());
        assertEquals("io.squall.hooks.BaseWorkerHook", def.getWorkerHook("squall-named-hook").getClassName());
    }

    @Test
    void refusesATopologySourceWithSpouts() {
        FluxException e = assertThrows(FluxException.class, () -> resource("source_with_spouts.yaml"));
        assertTrue(e.getMessage().contains("both a topologySource and spouts"), e.getMessage());
    }

    @Test
    void namesAMissingFile() {
        FluxException e = assertThrows(FluxException.class,
                () -> FluxParser.parseFile(dir.resolve("nope.yaml").toString(), false, true, null, false));
        assertTrue(e.getMessage().contains("nope.yaml") && e.getMessage().contains("does not exist"), e.getMessage());
        FluxException r = assertThrows(FluxException.class,
                () -> FluxParser.parseResource("/configs/nope.yaml", false, true, null, false));
        assertTrue(r.getMessage().contains("not on the classpath"), r.getMessage());
    }

    @Test
    void namesTheLineOfAYamlSyntaxError() {
        String m = error("name: x\nspouts:\n  - id: s\n   className: [unclosed\n");
        assertTrue(m.contains("invalid YAML at line 4"), m);
    }

    @Test
    void requiresAName() {
        assertTrue(error(SPOUT).contains("has no 'name'"), error(SPOUT));
    }

    @Test
    void namesAStreamFromAnUnknownComponent() {
        String m = error("name: x\n" + SPOUT + BOLT + "streams:\n  - from: nope\n    to: b\n"
                + "    grouping:\n      type: SHUFFLE\n");
        assertTrue(m.contains("streams[0]: from 'nope' is not a spout or bolt id"), m);
        String to = error("name: x\n" + SPOUT + BOLT + "streams:\n  - from: s\n    to: s\n"
                + "    grouping:\n      type: SHUFFLE\n");
        assertTrue(to.contains("to 's' is not a bolt id (it is a spout"), to);
    }

    @Test
    void namesAnUnknownGroupingAndFieldsWithoutArgs() {
        String m = error("name: x\n" + SPOUT + BOLT + "streams:\n  - from: s\n    to: b\n"
                + "    grouping:\n      type: SHUFLE\n");
        assertTrue(m.contains("unknown grouping type 'SHUFLE'") && m.contains("LOCAL_OR_SHUFFLE"), m);
        String f = error("name: x\n" + SPOUT + BOLT + "streams:\n  - from: s\n    to: b\n"
                + "    grouping:\n      type: FIELDS\n");
        assertTrue(f.contains("FIELDS grouping needs the field names in 'args'"), f);
        String c = error("name: x\n" + SPOUT + BOLT + "streams:\n  - from: s\n    to: b\n"
                + "    grouping:\n      type: CUSTOM\n");
        assertTrue(c.contains("CUSTOM grouping needs a 'customClass'"), c);
    }

    @Test
    void refusesUnknownKeysMissingClassNamesAndDuplicateIds() {
        String key = error("name: x\nspouts:\n  - id: s\n    clasName: X\n");
        assertTrue(key.contains("spouts[0] 's': unknown key 'clasName'"), key);
        String cls = error("name: x\nspouts:\n  - id: s\n");
        assertTrue(cls.contains("has no 'className'"), cls);
        String dup = error("name: x\n" + SPOUT + "  - id: s\n    className: Y\n");
        assertTrue(dup.contains("id 's' is defined twice"), dup);
        String both = error("name: x\nspouts:\n  - id: p\n    className: X\n    parallelism: many\n");
        assertTrue(both.contains("parallelism must be a whole number"), both);
    }

    @Test
    void readsPropertyValuesAndStreamIds() throws IOException {
        TopologyDef def = file("name: x\n" + SPOUT + BOLT + "    properties:\n      - name: anInt\n        value: 5\n"
                + "streams:\n  - from: s\n    to: b\n    grouping:\n      type: PARTIAL_KEY\n      args: [word]\n"
                + "      streamId: other\n");
        assertEquals(5, def.getBoltDef("b").getProperties().get(0).getValue());
        assertNull(def.getBoltDef("b").getProperties().get(0).getRef());
        assertEquals("other", def.getStreams().get(0).getGrouping().getStreamId());
        assertEquals(Map.of(), def.getConfig());
    }
}
