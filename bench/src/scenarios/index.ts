import type { ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { cacheFactories, cacheScenario } from "./cache.js";
import { cacheMissFactories, cacheMissScenario } from "./cache-miss.js";
import { clusterGetSetFactories, clusterGetSetScenario } from "./cluster-get-set.js";
import { codecMicroFactories, codecMicroScenario } from "./codec-micro.js";
import { consumerFactories, consumerScenario } from "./consumer.js";
import { getSetFactories, getSetScenario } from "./get-set.js";
import { getSetOneProcessFactories, getSetOneProcessScenario } from "./get-set-one-process.js";
import { idempotencyFactories, idempotencyScenario } from "./idempotency.js";
import { keyvFactories, keyvScenario } from "./keyv.js";
import { memoryFactories, memoryScenario } from "./memory.js";
import { pubsubFactories, pubsubScenario } from "./pubsub-fanout.js";
import { streamAppendFactories, streamAppendScenario } from "./stream-append.js";
import { tracingOverheadFactories, tracingOverheadScenario } from "./tracing-overhead.js";
import { typedValuesFactories, typedValuesScenario } from "./typed-values.js";

/** Every scenario in report order, with the worker-side factories of its configurations. */
export const SCENARIOS: ReadonlyArray<{ definition: ScenarioDefinition; factories: ScenarioFactories }> = [
  { definition: getSetOneProcessScenario, factories: getSetOneProcessFactories },
  { definition: getSetScenario, factories: getSetFactories },
  { definition: typedValuesScenario, factories: typedValuesFactories },
  { definition: codecMicroScenario, factories: codecMicroFactories },
  { definition: streamAppendScenario, factories: streamAppendFactories },
  { definition: consumerScenario, factories: consumerFactories },
  { definition: pubsubScenario, factories: pubsubFactories },
  { definition: tracingOverheadScenario, factories: tracingOverheadFactories },
  { definition: idempotencyScenario, factories: idempotencyFactories },
  { definition: clusterGetSetScenario, factories: clusterGetSetFactories },
  { definition: cacheScenario, factories: cacheFactories },
  { definition: cacheMissScenario, factories: cacheMissFactories },
  { definition: keyvScenario, factories: keyvFactories },
  { definition: memoryScenario, factories: memoryFactories },
];

/** @throws Error for an unknown scenario id. */
export function findScenario(id: string): { definition: ScenarioDefinition; factories: ScenarioFactories } {
  const found = SCENARIOS.find((scenario) => scenario.definition.id === id);
  if (!found) throw new Error(`unknown scenario "${id}" (known: ${SCENARIOS.map((scenario) => scenario.definition.id).join(", ")})`);
  return found;
}
