package io.squall.state;

import io.squall.Config;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state configuration a topology is refused for, with a message naming what is wrong. */
class StateFactoryTest {
    /** Not a provider. */
    public static final class NotAProvider {
    }

    /** A provider without a public no-argument constructor. */
    public static final class NeedsArguments extends InMemoryKeyValueStateProvider {
        public NeedsArguments(String unused) {
        }
    }

    /** A provider whose constructor fails. */
    public static final class Throws extends InMemoryKeyValueStateProvider {
        public Throws() {
            throw new IllegalStateException("no disk");
        }
    }

    private static String refusal(String provider, String providerConfig) {
        Map<String, Object> conf = new HashMap<>();
        if (provider != null) {
            conf.put(Config.TOPOLOGY_STATE_PROVIDER, provider);
        }
        if (providerConfig != null) {
            conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, providerConfig);
        }
        return assertThrows(IllegalArgumentException.class,
                () -> StateFactory.check(conf, StateFactoryTest.class.getClassLoader())).getMessage();
    }

    @Test
    void namesAnUnknownProviderClassAndTheProvidersThereAre() {
        String m = refusal("com.example.NoSuchProvider", null);
        assertTrue(m.contains("topology.state.provider names com.example.NoSuchProvider")
                && m.contains("not on the topology's class path") && m.contains("RocksDbKeyValueStateProvider"), m);
    }

    @Test
    void namesAClassThatIsNotAProvider() {
        String m = refusal(NotAProvider.class.getName(), null);
        assertTrue(m.contains(NotAProvider.class.getName()) && m.contains("does not implement "
                + StateProvider.class.getName()), m);
    }

    @Test
    void namesAProviderWithoutAPublicNoArgumentConstructor() {
        String m = refusal(NeedsArguments.class.getName(), null);
        assertTrue(m.contains(NeedsArguments.class.getName()) && m.contains("public no-argument constructor"), m);
    }

    @Test
    void namesAProviderWhoseConstructorFails() {
        String m = refusal(Throws.class.getName(), null);
        assertTrue(m.contains(Throws.class.getName()) && m.contains("no disk"), m);
    }

    @Test
    void givesTheParsersReasonLineAndColumnForMalformedJson() {
        String m = refusal(null, "{\"dir\": \n  /var/state}");
        assertTrue(m.contains("topology.state.provider.config is not valid JSON") && m.contains("line 2"), m);
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        String m = refusal(null, "[\"dir\", \"/var/state\"]");
        assertTrue(m.contains("topology.state.provider.config must be a JSON object"), m);
    }
}
