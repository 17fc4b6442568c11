package io.squall.flux;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.flux.api.FluxException;
import io.squall.flux.model.ExecutionContext;
import io.squall.flux.model.TopologyDef;
import io.squall.flux.parser.FluxParser;
import io.squall.flux.test.TestBolt;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.StormTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FluxBuilderTest {
    @TempDir
    Path dir;

    private ExecutionContext context;

    private StormTopology build(String resource) throws Exception {
        TopologyDef def = FluxParser.parseResource("/configs/" + resource, false, true, null, false);
        context = new ExecutionContext(def, FluxBuilder.buildConfig(def));
        return FluxBuilder.buildTopology(context);
    }

    private String error(String yaml) throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, yaml);
        TopologyDef def = FluxParser.parseFile(f.toString(), false, true, null, false);
        return assertThrows(FluxException.class,
                () -> FluxBuilder.buildTopology(new ExecutionContext(def, FluxBuilder.buildConfig(def)))).getMessage();
    }

    private static final String HEAD = "name: x\nspouts:\n  - id: s\n    className: org.apache.storm.testing.TestWordSpout\n";

    @Test
    void buildsAWordCountWithSquallsClassesForStormsNames() throws Exception {
        StormTopology t = build("word_count.yaml");
        assertEquals(List.of("words"), List.copyOf(t.get_spouts().keySet()));
        assertEquals(List.of("counter", "logger"), List.copyOf(t.get_bolts().keySet()));
        assertEquals("io.squall.testing.TestWordSpout", t.getComponent("words").getClassName());
        assertEquals("io.squall.testing.TestWordCounter", t.getComponent("counter").getClassName());
        assertEquals("io.squall.flux.wrappers.bolts.LogInfoBolt", t.getComponent("logger").getClassName());
        Map<GlobalStreamId, Grouping> in = t.get_bolts().get("counter").get_common().get_inputs();
        Grouping g = in.get(new GlobalStreamId("words", "default"));
        assertEquals(Grouping.Type.FIELDS, g.getType());
        assertEquals(List.of("word"), g.getFields());
        assertEquals(Grouping.Type.SHUFFLE, t.get_bolts().get("logger").get_common().get_inputs()
                .get(new GlobalStreamId("counter", "default")).getType());
        assertEquals(2, t.get_bolts().get("counter").get_common().get_parallelism_hint());
        assertEquals(1, t.get_bolts().get("logger").get_common().get_parallelism_hint());
    }

    @Test
    void setsTasksAndCustomGroupings() throws Exception {
        StormTopology t = build("tasks_and_resources.yaml");
        ComponentSpec spout = t.getComponent("source");
        assertEquals(2, spout.getParallelism());
        assertEquals(4, spout.getNumTasks());
        assertEquals(256.0, spout.getConfig().get(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB));
        assertEquals(64.0, spout.getConfig().get(Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB));
        assertEquals(12, t.getComponent("wide").getNumTasks());
        assertEquals(25.0, t.getComponent("wide").getConfig().get(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT));
        assertEquals(4, t.getComponent("first-two").getNumTasks());
        assertEquals(Grouping.Type.CUSTOM, t.getComponent("first-two").getInputs()
                .get(new GlobalStreamId("wide", "default")).getType());
    }

    @Test
    void buildsADiamondWithASubscriptionToAnUndeclaredStreamThatSubmitRefusesAndBuildsWorkerHooks() throws Exception {
        // As in Storm, a bolt may subscribe to a stream its source does not declare (here a LogInfoBolt's, which
        // declares none) and the topology builds; submitting it is refused, naming both ends.
        StormTopology diamond = build("diamond.yaml");
        assertEquals(Set.of("top", "left", "right", "bottom"), diamond.get_bolts().keySet());
        assertEquals(Set.of(new GlobalStreamId("left", "default"), new GlobalStreamId("right", "default")),
                diamond.getComponent("bottom").getInputs().keySet());
        try (LocalCluster cluster = new LocalCluster()) {
            InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                    () -> cluster.submitTopology("flux-diamond", context.getConfig(), diamond));
            assertTrue(e.getMessage().contains("Component 'bottom' subscribes to stream 'default' of component "
                    + "'right', which declares no such stream"), e.getMessage());
        }
        StormTopology hooked = build("worker_hooks.yaml");
        assertEquals(2, hooked.getWorkerHooks().size());
    }

    @Test
    void buildsShellComponentsWithTheirOwnConfiguration() throws Exception {
        StormTopology t = build("shell_components.yaml");
        assertEquals("io.squall.flux.wrappers.spouts.FluxShellSpout", t.getComponent("sentences").getClassName());
        assertEquals("random", t.getComponent("sentences").getConfig().get("sentences.source"));
        assertEquals(List.of("a", "the"), t.getComponent("splitter").getConfig().get("splitter.ignored.words"));
        assertEquals(2, t.getComponent("splitter").getParallelism());
        assertEquals(Grouping.Type.FIELDS, t.getComponent("tally").getInputs()
                .get(new GlobalStreamId("splitter", "default")).getType());
    }

    @Test
    void callsConstructorsFactoriesConfigMethodsAndSettersWithCoercion() throws Exception {
        build("config_methods.yaml");
        TestBolt b = (TestBolt) context.getBolt("configured");
        assertEquals(TestBolt.TestEnum.BAR, b.testEnum);
        assertEquals(2.5f, b.aFloat);
        assertFalse(b.aBoolean);
        assertEquals(List.of("beta", "alpha"), Arrays.stream(b.classes).map(TestBolt.TestClass::getField).toList());
        assertEquals("left", b.foo);
        assertEquals("right", b.bar);
        assertEquals("updown", b.fooBar);
        assertTrue(b.noneCalled);
        assertEquals(List.of("gamma", "beta", "alpha", "gamma"),
                Arrays.stream(b.configuredClasses).map(TestBolt.TestClass::getField).toList());
        assertSame(b.configuredClasses[0], b.configuredClasses[3], "a reflist naming a component twice");
        assertEquals(Duration.ofMinutes(45), b.duration);
        assertArrayEquals(new Duration[] {Duration.ofHours(2), Duration.ofMinutes(45), Duration.ofHours(2)},
                b.durations);
        assertEquals(Duration.ofHours(2), b.timeLen);
        assertArrayEquals(new Duration[] {Duration.ofMinutes(45)}, b.timeLenArr);
        assertEquals(64, b.anInt);
        assertEquals("set from YAML", b.publicField);
        assertEquals(TestBolt.TestEnum.BAR, ((TestBolt) context.getBolt("factory-default")).testEnum);
        assertEquals(TestBolt.TestEnum.FOO, ((TestBolt) context.getBolt("factory-with-enum")).testEnum);
        assertEquals(42L, ((TestBolt) context.getBolt("from-long")).aLong);
    }

    @Test
    void setsPublicFieldsAndReflistsIntoLists() throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, HEAD + "components:\n  - id: a\n    className: io.squall.flux.test.TestBolt$TestClass\n"
                + "    constructorArgs: [\"a\"]\n"
                + "bolts:\n  - id: b\n    className: io.squall.flux.test.TestBolt\n    constructorArgs: [7]\n"
                + "    properties:\n      - name: publicField\n        value: hello\n      - name: anInt\n        value: 3\n"
                + "    configMethods:\n      - name: withList\n        args:\n          - reflist: [a, a]\n"
                + "streams:\n  - from: s\n    to: b\n    grouping:\n      type: LOCAL_OR_SHUFFLE\n");
        TopologyDef def = FluxParser.parseFile(f.toString(), false, true, null, false);
        context = new ExecutionContext(def, FluxBuilder.buildConfig(def));
        StormTopology t = FluxBuilder.buildTopology(context);
        TestBolt b = (TestBolt) context.getBolt("b");
        assertEquals("hello", b.publicField);
        assertEquals(3, b.anInt);
        assertEquals(7L, b.aLong);
        assertEquals(2, b.listed.size());
        assertEquals(Grouping.Type.LOCAL_OR_SHUFFLE, t.getComponent("b").getInputs()
                .get(new GlobalStreamId("s", "default")).getType());
    }

    @Test
    void buildsTopologySourcesByMapConfigAndMethodName() throws Exception {
        assertNotNull(build("source_interface.yaml").getComponent("record"));
        assertNotNull(build("source_by_reflection.yaml").getComponent("record"));
        assertNotNull(build("source_config_param.yaml").getComponent("record"));
        assertEquals(2, build("source_method_name.yaml").getComponent("record").getParallelism());
    }

    @Test
    void listsTheCandidatesWhenNoFactoryOrConstructorMatches() throws Exception {
        FluxException e = assertThrows(FluxException.class, () -> build("bad_factory_args.yaml"));
        assertTrue(e.getMessage().contains("bolts 'long-from-text': no public static method 'newLongInstance'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("newLongInstance(long)"), e.getMessage());
        String m = error(HEAD + "bolts:\n  - id: b\n    className: io.squall.flux.test.TestBolt\n"
                + "    constructorArgs: [\"x\", \"y\"]\n");
        assertTrue(m.contains("no public constructor of io.squall.flux.test.TestBolt takes (\"x\" String, \"y\" String)")
                && m.contains("TestBolt(long)") && m.contains("TestBolt(TestEnum)"), m);
        String enumName = error(HEAD + "bolts:\n  - id: b\n    className: io.squall.flux.test.TestBolt\n"
                + "    constructorArgs: [BAZ]\n");
        assertTrue(enumName.contains("takes (\"BAZ\" String)"), enumName);
        String fraction = error(HEAD + "bolts:\n  - id: b\n    className: io.squall.flux.test.TestBolt\n"
                + "    constructorArgs: [1.5]\n");
        assertTrue(fraction.contains("no public constructor"), fraction);
    }

    @Test
    void namesUnknownClassesRefsMethodsAndProperties() throws Exception {
        String cls = error(HEAD.replace("TestWordSpout", "NoSuchSpout"));
        assertTrue(cls.contains("spouts 's': class 'org.apache.storm.testing.NoSuchSpout' not found (nor its Squall "
                + "name 'io.squall.testing.NoSuchSpout')"), cls);
        String ref = error(HEAD + "bolts:\n  - id: b\n    className: io.squall.flux.test.TestBolt\n"
                + "    constructorArgs:\n      - ref: missing\n");
        assertTrue(ref.contains("bolts 'b': ref 'missing' names no component"), ref);
        String order = error(HEAD + "components:\n  - id: c1\n    className: io.squall.flux.test.TestBolt$TestClass\n"
                + "    constructorArgs:\n      - ref: c2\n  - id: c2\n    className: java.lang.String\n");
        assertTrue(order.contains("ref 'c2' names a component defined below"), order);
        String method = error(HEAD + "bolts:\n  - id: b\n    className: io.squall.flux.test.TestBolt\n"
                + "    constructorArgs: [1]\n    configMethods:\n      - name: withNothing\n");
        assertTrue(method.contains("has no public method 'withNothing'"), method);
        String prop = error(HEAD + "bolts:\n  - id: b\n    className: io.squall.flux.test.TestBolt\n"
                + "    constructorArgs: [1]\n    properties:\n      - name: nope\n        value: 1\n");
        assertTrue(prop.contains("no public setter setNope(...) and no public field 'nope'"), prop);
        String notBolt = error(HEAD + "bolts:\n  - id: b\n    className: java.lang.Object\n"
                + "streams:\n  - from: s\n    to: b\n    grouping:\n      type: ALL\n");
        assertTrue(notBolt.contains("java.lang.Object is not a bolt"), notBolt);
        String source = error("name: x\ntopologySource:\n  className: io.squall.flux.test.SimpleTopology\n"
                + "  methodName: nothing\n");
        assertTrue(source.contains("has no public method nothing(Map<String, Object>)"), source);
    }
}
