#!/usr/bin/env bash
# Runs io.rewardloop.model.bench.RetrainerRoundBenchmark: times one retrainer round (strength
# ensemble, noisy-label recipe, MetaRM, ArmoRmTrainer defaults) on 10,000 synthetic 384-d pairs, in
# its own JVM, on a quiet machine. Run from the repository root after `mvn -B install -DskipTests`:
#   benchmarks/retrainer-round.sh --pairs 10000 --members 5 --out benchmarks/results/retrainer-round.md
set -euo pipefail
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cd "$(dirname "$0")/.."
mvn -B -q ${RLHF_MAVEN_OPTS:-} -pl reward-model test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
cp="reward-model/target/test-classes:reward-model/target/classes:$(cat reward-model/target/benchmark.classpath)"
exec java -Xmx4g -Dai.djl.offline=true -cp "$cp" io.rewardloop.model.bench.RetrainerRoundBenchmark "$@"
