package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import io.squall.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KryoFactoryTest {
    /** Only Serializable: never registered with Kryo, as storm-starter's Rankings. */
    static final class Ranked implements Serializable {
        private static final long serialVersionUID = 1L;
        final String word;
        final long count;

        Ranked(String word, long count) {
            this.word = word;
            this.count = count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ranked r && r.word.equals(word) && r.count == count;
        }

        @Override
        public int hashCode() {
            return Objects.hash(word, count);
        }
    }

    /** Neither registered nor Serializable. */
    static final class Opaque {
        final int x = 1;
    }

    private static Kryo kryo(boolean fallBack, List<Object> registrations) {
        return KryoFactory.create(registrations, fallBack, KryoFactoryTest.class.getClassLoader(), List.of());
    }

    private static Object roundTrip(Kryo writer, Kryo reader, Object value) {
        Output out = new Output(256, -1);
        writer.writeClassAndObject(out, value);
        return reader.readClassAndObject(new Input(out.toBytes()));
    }

    @Test
    void anUnregisteredSerializableValueFallsBackOnJavaSerialization() {
        Ranked r = new Ranked("storm", 42);
        assertEquals(r, roundTrip(kryo(true, List.of()), kryo(true, List.of()), r));
    }

    @Test
    void withoutFallBackAnUnregisteredSerializableValueFailsNamingItsClass() {
        RuntimeException e = assertThrows(IllegalArgumentException.class,
                () -> kryo(false, List.of()).writeClassAndObject(new Output(256, -1), new Ranked("a", 1)));
        assertTrue(e.getMessage().contains(Ranked.class.getName()), e.getMessage());
    }

    @Test
    void anUnregisteredValueThatIsNotSerializableFailsEvenWithFallBack() {
        KryoException e = assertThrows(KryoException.class,
                () -> kryo(true, List.of()).writeClassAndObject(new Output(256, -1), new Opaque()));
        assertTrue(e.getMessage().contains(Opaque.class.getName()) && e.getMessage().contains("Serializable"),
                e.getMessage());
    }

    @Test
    void aRegisteredClassKeepsKryosFieldSerializerWithFallBack() {
        Kryo writer = kryo(true, List.of(Opaque.class.getName()));
        Object back = roundTrip(writer, kryo(true, List.of(Opaque.class.getName())), new Opaque());
        assertEquals(Opaque.class, back.getClass());
        assertEquals(FieldSerializer.class,
                writer.getRegistration(Opaque.class).getSerializer().getClass());
    }

    @Test
    void theHintSaysBothWays() {
        String hint = KryoFactory.howToSerialize(Ranked.class);
        assertTrue(hint.contains("Config.registerSerialization(Ranked.class)")
                && hint.contains("topology.fall.back.on.java.serialization"), hint);
    }

    /** A point written as its two coordinates packed in one long, by the decorator's own serializer. */
    public static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }

    /** Registers {@link Point} with a serializer of its own, as a library's decorator would. */
    public static final class PointDecorator implements IKryoDecorator {
        static final AtomicInteger WRITES = new AtomicInteger();

        @Override
        public void decorate(Kryo k) {
            k.register(Point.class, new com.esotericsoftware.kryo.Serializer<Point>() {
                @Override
                public void write(Kryo kryo, Output output, Point p) {
                    WRITES.incrementAndGet();
                    output.writeLong(((long) p.x << 32) | (p.y & 0xffffffffL));
                }

                @Override
                public Point read(Kryo kryo, Input input, Class<? extends Point> type) {
                    long v = input.readLong();
                    return new Point((int) (v >> 32), (int) v);
                }
            });
        }
    }

    private static Kryo decorated(List<String> decorators) {
        return KryoFactory.create(List.of(), decorators, false, false, KryoFactoryTest.class.getClassLoader(),
                List.of());
    }

    @Test
    void aDecoratorsRegistrationsAndSerializersAreUsedEvenWithRegistrationRequired() {
        Kryo kryo = decorated(List.of(PointDecorator.class.getName()));
        int before = PointDecorator.WRITES.get();
        Point p = (Point) roundTrip(kryo, decorated(List.of(PointDecorator.class.getName())), new Point(-3, 7));
        assertEquals(-3, p.x);
        assertEquals(7, p.y);
        assertEquals(before + 1, PointDecorator.WRITES.get(), "written by the decorator's serializer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roundTrip(
                decorated(List.of()), decorated(List.of()), new Point(1, 2)));
        assertTrue(e.getMessage().contains("not registered"), "without the decorator: " + e.getMessage());
    }

    /** Registered by name, with only a field constructor, as Storm's TestSerObject. */
    public static final class Pair {
        final int a;
        final int b;

        public Pair(int a, int b) {
            this.a = a;
            this.b = b;
        }
    }

    @Test
    void aRegisteredClassWithoutANoArgumentConstructorIsReadBackAsInStorm() {
        Kryo kryo = kryo(false, List.of(Pair.class.getName()));
        Pair p = (Pair) roundTrip(kryo, kryo(false, List.of(Pair.class.getName())), new Pair(4, 5));
        assertEquals(4, p.a);
        assertEquals(5, p.b);
    }

    @Test
    void withSkipMissingAClassSerializerOrDecoratorNotOnTheClassPathIsLeftOutElseItIsAnError() {
        List<Object> registrations = List.of("no.such.Type",
                Map.of("io.squall.testing.FixedTuple", "no.such.Serializer"), "io.squall.testing.TestSerObject");
        List<String> decorators = List.of("no.such.Decorator");
        ClassLoader loader = KryoFactoryTest.class.getClassLoader();
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> KryoFactory.create(registrations, decorators, false, false, loader, List.of()));
        assertTrue(e.getMessage().contains("no.such.Type"), e.getMessage());
        Kryo kryo = KryoFactory.create(registrations, decorators, false, true, loader, List.of());
        assertTrue(kryo.getClassResolver().getRegistration(io.squall.testing.TestSerObject.class) != null,
                "the present class");
        assertEquals(null, kryo.getClassResolver().getRegistration(io.squall.testing.FixedTuple.class),
                "a class whose serializer is missing is left out");
    }

    @Test
    void aMapOfClassToSerializerIsTakenAsStormTakesItInNameOrder() {
        Map<String, Object> map = new java.util.HashMap<>();
        map.put("io.squall.testing.TestSerObject", null);
        map.put("io.squall.testing.FixedTuple", "some.Serializer");
        assertEquals(List.of(Map.of("io.squall.testing.FixedTuple", "some.Serializer"),
                "io.squall.testing.TestSerObject"), io.squall.config.TopologySettings.kryoRegistrations(map));
        assertEquals(List.of("a"), io.squall.config.TopologySettings.kryoRegistrations(List.of("a")));
        assertEquals(List.of(), io.squall.config.TopologySettings.kryoRegistrations(null));
    }

    @Test
    void aDecoratorThatCannotBeLoadedOrIsNotOneIsAConfigErrorNamingIt() {
        InvalidConfigException missing = assertThrows(InvalidConfigException.class,
                () -> decorated(List.of("com.example.NoSuchDecorator")));
        assertTrue(missing.getMessage().contains("topology.kryo.decorators")
                && missing.getMessage().contains("com.example.NoSuchDecorator"), missing.getMessage());
        InvalidConfigException notOne = assertThrows(InvalidConfigException.class,
                () -> decorated(List.of(Point.class.getName())));
        assertTrue(notOne.getMessage().contains("not an IKryoDecorator"), notOne.getMessage());
    }

    @Test
    void registerDecoratorNamesTheClassInTheTopologysSettings() {
        io.squall.Config conf = new io.squall.Config();
        conf.registerDecorator(PointDecorator.class);
        assertEquals(List.of(PointDecorator.class.getName()), conf.get(io.squall.Config.TOPOLOGY_KRYO_DECORATORS));
        assertEquals(List.of(PointDecorator.class.getName()),
                io.squall.config.TopologySettings.from(conf).kryoDecorators());
    }

    /** Logs each step of each Kryo instance it makes, and registers {@link Point} in postRegister. */
    public static final class RecordingFactory extends DefaultKryoFactory {
        static final List<String> STEPS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Kryo getKryo(Map<String, Object> conf) {
            STEPS.add("getKryo " + conf.get("app.tag"));
            return super.getKryo(conf);
        }

        @Override
        public void preRegister(Kryo k, Map<String, Object> conf) {
            STEPS.add("preRegister, Values registered: " + (k.getClassResolver().getRegistration(
                    io.squall.tuple.Values.class) != null) + ", Pair: " + registered(k, Pair.class));
        }

        @Override
        public void postRegister(Kryo k, Map<String, Object> conf) {
            STEPS.add("postRegister, Pair: " + registered(k, Pair.class) + ", Point: " + registered(k, Point.class));
            new PointDecorator().decorate(k);
        }

        @Override
        public void postDecorate(Kryo k, Map<String, Object> conf) {
            STEPS.add("postDecorate, Cell: " + registered(k, Cell.class));
            super.postDecorate(k, conf);
        }

        private static boolean registered(Kryo k, Class<?> type) {
            return k.getClassResolver().getRegistration(type) != null;
        }
    }

    /** Registered by {@link CellDecorator}. */
    public static final class Cell {
    }

    /** Registers {@link Cell}. */
    public static final class CellDecorator implements IKryoDecorator {
        @Override
        public void decorate(Kryo k) {
            k.register(Cell.class);
        }
    }

    private static Kryo fromConf(Map<String, Object> conf) {
        return KryoFactory.create(io.squall.config.TopologySettings.from(conf), conf,
                KryoFactoryTest.class.getClassLoader());
    }

    @Test
    void theTopologysFactoryMakesTheKryoAndIsCalledAroundRegistrationsAndDecoratorsInStormsOrder() {
        io.squall.Config conf = new io.squall.Config();
        conf.setKryoFactory(RecordingFactory.class);
        conf.registerSerialization(Pair.class);
        conf.registerDecorator(CellDecorator.class);
        conf.setFallBackOnJavaSerialization(false);
        conf.put("app.tag", "mine");
        RecordingFactory.STEPS.clear();

        Kryo kryo = fromConf(conf);

        assertEquals(List.of("getKryo mine", "preRegister, Values registered: true, Pair: false",
                "postRegister, Pair: true, Point: false", "postDecorate, Cell: true"), RecordingFactory.STEPS);
        int before = PointDecorator.WRITES.get();
        Point p = (Point) roundTrip(kryo, fromConf(conf), new Point(2, -9));
        assertEquals(-9, p.y);
        assertEquals(before + 1, PointDecorator.WRITES.get(), "written by the serializer postRegister registered");
    }

    @Test
    void setKryoFactoryNamesTheClassAndWithoutOneTheDefaultFactoryIsUsed() {
        Map<String, Object> conf = new java.util.HashMap<>();
        io.squall.Config.setKryoFactory(conf, RecordingFactory.class);
        assertEquals(RecordingFactory.class.getName(), conf.get(io.squall.Config.TOPOLOGY_KRYO_FACTORY));
        assertEquals("topology.kryo.factory", io.squall.Config.TOPOLOGY_KRYO_FACTORY);
        RecordingFactory.STEPS.clear();
        Kryo kryo = fromConf(new java.util.HashMap<>());
        assertEquals(List.of(), RecordingFactory.STEPS);
        Ranked r = new Ranked("default", 3);
        assertEquals(r, roundTrip(kryo, fromConf(Map.of()), r), "the default factory falls back on Java");
        Map<String, Object> named = Map.of(io.squall.Config.TOPOLOGY_KRYO_FACTORY, DefaultKryoFactory.class.getName());
        assertEquals(r, roundTrip(fromConf(named), fromConf(named), r));
    }

    @Test
    void aFactoryThatCannotBeLoadedOrIsNotOneIsAConfigErrorNamingKeyAndClass() {
        InvalidConfigException missing = assertThrows(InvalidConfigException.class,
                () -> fromConf(Map.of("topology.kryo.factory", "com.example.NoSuchFactory")));
        assertTrue(missing.getMessage().contains("topology.kryo.factory")
                && missing.getMessage().contains("com.example.NoSuchFactory"), missing.getMessage());
        InvalidConfigException notOne = assertThrows(InvalidConfigException.class,
                () -> fromConf(Map.of("topology.kryo.factory", PointDecorator.class.getName())));
        assertTrue(notOne.getMessage().contains("topology.kryo.factory")
                && notOne.getMessage().contains(PointDecorator.class.getName())
                && notOne.getMessage().contains("not an IKryoFactory"), notOne.getMessage());
    }

    @Test
    void aBadFactoryRefusesTheTopologyAtSubmit() {
        io.squall.topology.TopologyBuilder b = new io.squall.topology.TopologyBuilder();
        b.setSpout("words", new io.squall.testing.TestWordSpout());
        Map<String, Object> conf = Map.of("topology.kryo.factory", "com.example.NoSuchFactory");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> io.squall.runtime.TopologyCheck
                .check(b.createTopology(), conf, KryoFactoryTest.class.getClassLoader()));
        assertTrue(e.getMessage().contains("topology.kryo.factory")
                && e.getMessage().contains("com.example.NoSuchFactory"), e.getMessage());
    }

    @Test
    void serializableSerializerWritesARegisteredClassWithJavaSerialization() {
        List<Object> registrations = List.of(Map.of(Ranked.class.getName(), SerializableSerializer.class.getName()));
        Kryo writer = kryo(false, registrations);
        Ranked r = new Ranked("java", 7);
        assertEquals(r, roundTrip(writer, kryo(false, registrations), r));
        assertEquals(SerializableSerializer.class, writer.getRegistration(Ranked.class).getSerializer().getClass());
    }

    /** Registers {@link Point} with the decorator's serializer, as a library's registrar would. */
    public static final class PointRegister implements SerializationRegister {
        @Override
        public void register(Kryo kryo) {
            new PointDecorator().decorate(kryo);
        }
    }

    /** Fails, as a registrar whose library is broken. */
    public static final class BrokenRegister implements SerializationRegister {
        @Override
        public void register(Kryo kryo) throws Exception {
            throw new java.io.IOException("no schema");
        }
    }

    /** A class loader over this test's classes that also lists {@code registrar} as a SerializationRegister. */
    private static ClassLoader listing(java.nio.file.Path dir, Class<?> registrar) throws java.io.IOException {
        java.nio.file.Path services = dir.resolve("META-INF/services");
        java.nio.file.Files.createDirectories(services);
        java.nio.file.Files.writeString(services.resolve(SerializationRegister.class.getName()),
                registrar.getName() + "\n");
        return new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                KryoFactoryTest.class.getClassLoader());
    }

    @Test
    void aSerializationRegisterOnTheClassPathRegistersWithEveryKryo(@org.junit.jupiter.api.io.TempDir
                                                                    java.nio.file.Path dir) throws Exception {
        ClassLoader loader = listing(dir, PointRegister.class);
        Kryo writer = KryoFactory.create(List.of(), false, loader, List.of());
        int before = PointDecorator.WRITES.get();
        Point p = (Point) roundTrip(writer, KryoFactory.create(List.of(), false, loader, List.of()), new Point(5, 6));
        assertEquals(6, p.y);
        assertEquals(before + 1, PointDecorator.WRITES.get(), "written by the registrar's serializer");
    }

    @Test
    void aFailingSerializationRegisterRefusesTheTopologyNamingIt(@org.junit.jupiter.api.io.TempDir
                                                                 java.nio.file.Path dir) throws Exception {
        ClassLoader loader = listing(dir, BrokenRegister.class);
        io.squall.topology.InvalidTopologyException e = assertThrows(io.squall.topology.InvalidTopologyException.class,
                () -> KryoFactory.create(List.of(), false, loader, List.of()));
        assertTrue(e.getMessage().contains(BrokenRegister.class.getName()) && e.getMessage().contains("no schema"),
                e.getMessage());
    }
}
