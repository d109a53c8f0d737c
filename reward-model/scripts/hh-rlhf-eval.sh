#!/usr/bin/env bash
# Runs io.rewardloop.model.bench.HhRlhfEvaluation: ArmoRM vs a Bradley-Terry linear head on
# HH-RLHF (../shared/data/hh-rlhf), three protocols, in its own JVM. Run from the repository root
# after `mvn -B install -DskipTests`; arguments go to the evaluation, e.g.
#   reward-model/scripts/hh-rlhf-eval.sh --data ../shared/data/hh-rlhf --out benchmarks/results/reward-model-eval.md
# Backbone features are cached in benchmarks/work/feature-cache (--cache), so a rerun embeds nothing.
set -euo pipefail
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cd "$(dirname "$0")/../.."
mvn -B -q -pl reward-model test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
cp="reward-model/target/test-classes:reward-model/target/classes:$(cat reward-model/target/benchmark.classpath)"
exec java -Xmx4g -Dai.djl.offline=true -cp "$cp" io.rewardloop.model.bench.HhRlhfEvaluation "$@"
