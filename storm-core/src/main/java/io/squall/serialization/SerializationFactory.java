package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import io.squall.config.TopologySettings;

import java.util.Map;

/**
 * Storm's {@code SerializationFactory}: the Kryo instance a topology's workers serialize values with, for code that
 * writes values itself (a bolt that persists what it holds, a test that checks a class crosses workers).
 */
public final class SerializationFactory {
    private SerializationFactory() {
    }

    /**
     * A new Kryo instance as the topology with {@code conf} gets one: its {@code topology.kryo.factory},
     * {@code topology.kryo.register} and {@code topology.kryo.decorators}, classes loaded by the thread's context
     * class loader. Not thread-safe, as Kryo is not: one per thread.
     *
     * @throws io.squall.config.InvalidConfigException naming a class that cannot be loaded or is not of its kind
     */
    public static Kryo getKryo(Map<String, Object> conf) {
        return KryoFactory.create(TopologySettings.from(conf), conf, KryoFactory.contextLoader());
    }
}
