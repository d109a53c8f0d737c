#!/usr/bin/env bash
# Runs io.rewardloop.model.bench.RobustAblation: the retrainer's noisy-label and MetaRM ablation on
# HH-RLHF (../shared/data/hh-rlhf) with frozen all-MiniLM-L6-v2 features, in its own JVM. Run from
# the repository root after `mvn -B install -DskipTests`; arguments go to the ablation, e.g.
#   benchmarks/retrainer-ablation.sh --data ../shared/data/hh-rlhf --cache /tmp/feature-cache \
#     --seeds 5 --out benchmarks/results/retrainer-ablation.md
# Features are cached in --cache (DiskCachedBackbone), so only the first run embeds (minutes).
set -euo pipefail
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cd "$(dirname "$0")/.."
mvn -B -q ${RLHF_MAVEN_OPTS:-} -pl reward-model test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
cp="reward-model/target/test-classes:reward-model/target/classes:$(cat reward-model/target/benchmark.classpath)"
exec java -Xmx4g -Dai.djl.offline=true -cp "$cp" io.rewardloop.model.bench.RobustAblation "$@"
