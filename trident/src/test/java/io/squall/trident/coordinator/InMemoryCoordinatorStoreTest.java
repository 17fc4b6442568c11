package io.squall.trident.coordinator;

class InMemoryCoordinatorStoreTest extends CoordinatorStoreContract {
    @Override
    CoordinatorStore open(String txStateId) {
        return new InMemoryCoordinatorStore(txStateId);
    }
}
