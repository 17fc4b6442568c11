package io.squall.state;

import java.util.Map;

class InMemoryKeyValueStateTest extends KeyValueStateContractTest {
    @Override
    StateProvider provider() {
        return new InMemoryKeyValueStateProvider();
    }

    @Override
    Map<String, Object> conf() {
        return Map.of();
    }
}
