#!/usr/bin/env bash
# Runs io.rewardloop.model.backbone.BackboneBenchmark (PyTorch engine vs ONNX Runtime) in its own JVM,
# fully offline. Run from the repository root; arguments go to the benchmark, e.g.
#   reward-model/scripts/backbone-benchmark.sh --out benchmarks/results/backbone.md
# A separate JVM (rather than exec:java inside Maven) keeps Maven out of the RSS figures, and works
# offline: exec-maven-plugin's parent POM is not in the local repository here.
# Idle OpenMP threads sleep instead of spinning unless OMP_WAIT_POLICY is set: on a shared machine
# spinning PyTorch threads collapse (3-5x slower at 2 threads under load); the benchmark then tells
# ONNX Runtime not to spin either. On a quiet machine, OMP_WAIT_POLICY=ACTIVE may be a little faster.
set -euo pipefail
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cd "$(dirname "$0")/../.."
mvn -B -o -q -pl reward-model test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
cp="reward-model/target/test-classes:reward-model/target/classes:$(cat reward-model/target/benchmark.classpath)"
exec java -Xmx2g -Dai.djl.offline=true -cp "$cp" io.rewardloop.model.backbone.BackboneBenchmark "$@"
