package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.squall.config.ConfigKeys;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.io.Serializable;
import java.util.Map;

/**
 * The Kryo factory a topology uses unless {@code topology.kryo.factory} names another; extend it to keep its
 * behaviour and add to it. Its instances write no back-references, make a class without a no-argument constructor
 * through Objenesis (Storm's tuple Kryo cannot; its state serializer does), so that what one worker writes another
 * can read, and with
 * {@code topology.fall.back.on.java.serialization} (true unless set false) write an unregistered
 * {@link Serializable} class with Java serialization; with it false every class must be registered.
 */
public class DefaultKryoFactory implements IKryoFactory {
    /** A Kryo instance requiring registration unless the configuration falls back on Java serialization. */
    @Override
    public Kryo getKryo(Map<String, Object> conf) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(!fallsBackOnJava(conf));
        kryo.setReferences(false);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        return kryo;
    }

    /** Nothing. */
    @Override
    public void preRegister(Kryo k, Map<String, Object> conf) {
    }

    /** Nothing. */
    @Override
    public void postRegister(Kryo k, Map<String, Object> conf) {
    }

    /**
     * When falling back on Java serialization, makes it the default for any {@link Serializable} class not yet
     * registered, and makes any other unregistered class fail naming itself. Done last, so that the classes registered
     * before, by the topology and its decorators, keep Kryo's own serializers.
     */
    @Override
    public void postDecorate(Kryo k, Map<String, Object> conf) {
        if (fallsBackOnJava(conf)) {
            k.addDefaultSerializer(Serializable.class, new JavaSerializer());
            k.setDefaultSerializer(new NotSerializable());
        }
    }

    /** {@code topology.fall.back.on.java.serialization}, or its default when the configuration does not set it. */
    private static boolean fallsBackOnJava(Map<String, Object> conf) {
        Object v = conf.get(ConfigKeys.TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION.name());
        return v instanceof Boolean b ? b
                : (Boolean) ConfigKeys.TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION.defaultValue();
    }

    /**
     * The serializer of last resort when falling back on Java serialization: an unregistered class that Kryo has no
     * default for and that is not Serializable has no way to be written, so it fails here, naming the class.
     */
    @SuppressWarnings("rawtypes") // Kryo's interface takes a raw Class
    private static final class NotSerializable implements SerializerFactory<Serializer<?>> {
        @Override
        public Serializer<?> newSerializer(Kryo kryo, Class type) {
            throw new KryoException("Class " + type.getName() + " is not registered with Kryo and is not "
                    + "java.io.Serializable, so it cannot fall back on Java serialization");
        }

        @Override
        public boolean isSupported(Class type) {
            return true;
        }
    }
}
