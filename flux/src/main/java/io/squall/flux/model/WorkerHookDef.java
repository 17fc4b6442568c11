package io.squall.flux.model;

/** An entry of {@code workerHooks}: an {@code IWorkerHook} each worker of the topology starts and stops. */
public class WorkerHookDef extends BeanDef {
}
