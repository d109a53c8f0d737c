#!/usr/bin/env bash
# Runs io.rewardloop.scorer.bench.ScorerBenchmark (end-to-end responses/s through a real embedded
# broker vs the raw model, and latency at a fixed offered load) in its own JVM. Run from the
# repository root after `mvn -B install -DskipTests`; arguments go to the benchmark, e.g.
#   scorer/scripts/scorer-benchmark.sh --responses 2000 --seconds 30 --out benchmarks/results/scorer.md
# The latency phase is offered half the end-to-end capacity measured in the same run (--load 0.5);
# --rate R fixes the offered rate instead. The load generator sleeps between sends (no busy-wait).
# OMP_WAIT_POLICY=PASSIVE keeps idle PyTorch threads from spinning against the Kafka threads.
set -euo pipefail
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cd "$(dirname "$0")/../.."
mvn -B -q -pl scorer test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
cp="scorer/target/test-classes:scorer/target/classes:$(cat scorer/target/benchmark.classpath)"
exec java -Xmx3g -Dai.djl.offline=true -cp "$cp" io.rewardloop.scorer.bench.ScorerBenchmark "$@"
