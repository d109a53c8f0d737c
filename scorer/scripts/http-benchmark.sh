#!/usr/bin/env bash
# Runs io.rewardloop.scorer.bench.HttpScoringBenchmark (HTTP scoring at saturation with 32 clients
# vs the raw model on the same pairs, latency at half that load, and the same with batching off)
# in its own JVM and writes benchmarks/results/scorer-http.md. Run from the repository root after
# `mvn -B install -DskipTests`, on a quiet machine; arguments go to the benchmark, e.g.
#   scorer/scripts/http-benchmark.sh --seconds 30 --pairs-per-request 8 --clients 32
# A short check that it works: --seconds 5 --raw-pairs 64 --out /tmp/scorer-http.md
# OMP_WAIT_POLICY=PASSIVE keeps idle PyTorch threads from spinning against the HTTP threads.
set -euo pipefail
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cd "$(dirname "$0")/../.."
mvn -B -q -pl scorer test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
cp="scorer/target/test-classes:scorer/target/classes:$(cat scorer/target/benchmark.classpath)"
exec java -Xmx3g -Dai.djl.offline=true -cp "$cp" io.rewardloop.scorer.bench.HttpScoringBenchmark "$@"
