#!/usr/bin/env bash
# Load test of the feedback ingest on loopback with wrk (Debian package `wrk`).
#
#   feedback-ingest/scripts/load-test.sh            # 60 s single-item run, then 60 s of batches
#   DURATION=5s feedback-ingest/scripts/load-test.sh  # a short check that the harness works
#
# Starts `./rlhf up --no-scorer --no-retrainer --no-status` (embedded broker + feedback ingest, HTTP on 127.0.0.1 only),
# runs wrk twice against http://127.0.0.1:PORT/v1/preferences: single-item POSTs
# (load-single.lua) and LOAD_BATCH-item batches (load-batch.lua), every item unique, each run
# bounded by DURATION. Then waits for the topology and compares the ingest's count of accepted
# items (rlhf_feedback_accepted_total on /metrics) with the committed records on rlhf.preferences
# (`rlhf feedback count`, read_committed): zero loss = equal, no duplicates = records equal to
# distinct feedback ids. Writes benchmarks/results/feedback-ingest.md (OUT=... to change).
#
# The Streams side runs behind the HTTP API under batch load (the API answers once rlhf.feedback
# holds the items): each run also reports the backlog when wrk stopped, how long the topology took
# to record it, and the end-to-end rate (items / (run + drain)); and, for the batch run, the items
# accepted and recorded in each 10 s window (how steady the rates were).
#
# Environment: DURATION (60s), WARMUP (100s first, not reported: 10 s of single items and 10 s
# of batches in turns, time for the JIT to compile the broker, Streams and HTTP paths; 0 = none),
# THREADS (2), CONNECTIONS (32), BATCH_CONNECTIONS (8), LOAD_BATCH
# (100), PORT (18090), KAFKA_PORT (0 = any free), OUT. Exit 1 when anything was lost or doubled.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
HERE="$ROOT/feedback-ingest/scripts"
DURATION="${DURATION:-60s}"
WARMUP="${WARMUP:-100s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
BATCH_CONNECTIONS="${BATCH_CONNECTIONS:-8}"
LOAD_BATCH="${LOAD_BATCH:-100}"
PORT="${PORT:-18090}"
KAFKA_PORT="${KAFKA_PORT:-0}"
OUT="${OUT:-$ROOT/benchmarks/results/feedback-ingest.md}"
URL="http://127.0.0.1:$PORT"

die() {
    echo "load-test: $*" >&2
    exit 1
}
command -v wrk >/dev/null || die "wrk is needed (Debian/Ubuntu: apt-get install wrk)"
command -v curl >/dev/null || die "curl is needed"
[[ "$DURATION" =~ ^[0-9]+[smh]?$ ]] || die "DURATION must look like 60s, not '$DURATION'"
[[ "$WARMUP" =~ ^[0-9]+[smh]?$ ]] || die "WARMUP must look like 10s, not '$WARMUP'"

WORK="$(mktemp -d)"
UP_PID=""
cleanup() {
    if [[ -n "$UP_PID" ]] && kill -0 "$UP_PID" 2>/dev/null; then
        kill -TERM "$UP_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$UP_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$UP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "load-test: starting ./rlhf up --no-scorer --no-retrainer --no-status (ingest on $URL)..." >&2
FEEDBACK_HTTP_PORT="$PORT" FEEDBACK_HTTP_BIND=127.0.0.1 \
    "$ROOT/rlhf" up --no-scorer --no-retrainer --no-status --kafka-port "$KAFKA_PORT" --registry-port 0 >"$WORK/up.log" 2>&1 &
UP_PID=$!
for _ in $(seq 1 240); do
    grep -q '^Up\. ' "$WORK/up.log" 2>/dev/null && break
    kill -0 "$UP_PID" 2>/dev/null || { cat "$WORK/up.log" >&2; die "rlhf up stopped"; }
    sleep 0.5
done
grep -q '^Up\. ' "$WORK/up.log" || { cat "$WORK/up.log" >&2; die "rlhf up did not come up in 120 s"; }
BOOTSTRAP="$(sed -n 's/^Up\. Clients connect with bootstrap\.servers=\([^ ]*\) .*/\1/p' "$WORK/up.log" | head -1)"
REGISTRY="$(sed -n 's/^Up\. .* schema\.registry\.url=\([^ ]*\)\. Press.*/\1/p' "$WORK/up.log" | head -1)"
[[ -n "$BOOTSTRAP" ]] || die "could not read bootstrap.servers from: $(cat "$WORK/up.log")"
for _ in $(seq 1 120); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/health")" == 200 ]] && break
    sleep 0.5
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/health")" == 200 ]] || die "$URL/health is not 200"

# The sum of one counter over its labels on the ingest's /metrics (0 when absent).
metric_total() {
    curl -s "$URL/metrics" | awk -v m="$1" '$0 ~ "^" m "[{ ]" {s += $NF} END {printf "%d", s}'
}
accepted_total() { metric_total rlhf_feedback_accepted_total; }
recorded_total() { metric_total rlhf_feedback_stream_recorded_total; }
# Seconds until the topology has recorded $1 items (its own counter; the final check reads the topic).
drain_seconds() {
    local start end
    start="$(date +%s%N)"
    for _ in $(seq 1 1200); do
        [[ "$(recorded_total)" -ge "$1" ]] && break
        sleep 0.25
    done
    end="$(date +%s%N)"
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", (b - a) / 1e9}'
}
# CPU seconds the ingest's JVM (broker, HTTP API and both Streams applications) has used so far.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$UP_PID/stat"
}
# wrk's figures: requests/s, p50, p99, requests, non-2xx.
figure() { # FILE PATTERN FIELD (0 when wrk did not print the line)
    awk -v p="$2" -v f="$3" '$0 ~ p {v = $f; exit} END {print (v == "" ? 0 : v)}' "$1"
}
# Appends "milliseconds-since-$2 accepted recorded" to $1 ($2 in milliseconds since the epoch).
sample_counters() {
    echo "$(($(date +%s%3N) - $2)) $(accepted_total) $(recorded_total)" >>"$1"
}
# The rates of each window between samples of a sample_counters file, as table rows.
window_rows() {
    awk 'NR > 1 && $1 > t {printf "| %.0f-%.0f s | %.0f | %.0f |\n", t / 1000, $1 / 1000, 1000 * ($2 - a) / ($1 - t), 1000 * ($3 - r) / ($1 - t)} {t = $1; a = $2; r = $3}' "$1"
}
# Runs wrk (the arguments after the name) with the counters sampled every 10 s into $WORK/NAME.rates,
# and once more when wrk ends; wrk's output goes to $WORK/NAME.txt.
measured_wrk() {
    local name="$1" start sampler
    shift
    start="$(date +%s%3N)"
    (while true; do sample_counters "$WORK/$name.rates" "$start"; sleep 10; done) &
    sampler=$!
    wrk "$@" | tee "$WORK/$name.txt" >&2
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    sample_counters "$WORK/$name.rates" "$start"
}
export LOAD_RUN_ID="$(date +%s)-$$"
export LOAD_BATCH

count() {
    RLHF_SKIP_BUILD=1 "$ROOT/rlhf" feedback count --bootstrap-servers "$BOOTSTRAP" \
        --schema-registry-url "$REGISTRY" 2>/dev/null |
        awk '/^rlhf.preferences / {sub("records=", "", $2); sub("distinct=", "", $3); print $2, $3}'
}
# Waits until rlhf.preferences holds at least $1 committed records (sets records, distinct).
records=0
distinct=0
await_records() {
    for _ in $(seq 1 60); do
        read -r records distinct < <(count)
        [[ "${records:-0}" -ge "$1" ]] && return 0
        sleep 2
    done
    return 0
}
seconds() { # 60s, 2m, 1h -> seconds
    awk -v d="$1" 'BEGIN {n = d + 0; u = substr(d, length(d)); print (u == "m" ? 60 * n : u == "h" ? 3600 * n : n)}'
}
if [[ "$(seconds "$WARMUP")" -gt 0 ]]; then
    echo "load-test: warming up for $WARMUP (single items and batches in turns, not reported)..." >&2
    left="$(seconds "$WARMUP")"
    turn=0
    while [[ "$left" -gt 0 ]]; do
        step=$((left < 10 ? left : 10))
        turn=$((turn + 1))
        if ((turn % 2)); then
            LOAD_RUN_ID="w$turn$LOAD_RUN_ID" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${step}s" --timeout 30s \
                -s "$HERE/load-single.lua" "$URL/v1/preferences" >/dev/null
        else
            LOAD_RUN_ID="w$turn$LOAD_RUN_ID" wrk -t"$THREADS" -c"$BATCH_CONNECTIONS" -d"${step}s" --timeout 30s \
                -s "$HERE/load-batch.lua" "$URL/v1/preferences" >/dev/null
        fi
        left=$((left - step))
    done
fi
before_single="$(accepted_total)"
drain_seconds "$before_single" >/dev/null
await_records "$before_single"
cpu_start="$(cpu_seconds)"

echo "load-test: single-item POSTs for $DURATION (-t$THREADS -c$CONNECTIONS)..." >&2
measured_wrk single -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency \
    -s "$HERE/load-single.lua" "$URL/v1/preferences"
after_single="$(accepted_total)"
backlog_single=$((after_single - $(recorded_total)))
# CPU per item counts until the topology has written every accepted item, not only until wrk ends.
drain_single="$(drain_seconds "$after_single")"
await_records "$after_single"
cpu_single="$(awk -v a="$(cpu_seconds)" -v b="$cpu_start" 'BEGIN {printf "%.2f", a - b}')"
cpu_start="$(cpu_seconds)"

echo "load-test: $LOAD_BATCH-item batches for $DURATION (-t$THREADS -c$BATCH_CONNECTIONS)..." >&2
measured_wrk batch -t"$THREADS" -c"$BATCH_CONNECTIONS" -d"$DURATION" --timeout 30s --latency \
    -s "$HERE/load-batch.lua" "$URL/v1/preferences"
accepted="$(accepted_total)"
duplicates="$(metric_total rlhf_feedback_duplicates_total)"
backlog_batch=$((accepted - $(recorded_total)))

echo "load-test: waiting for rlhf.preferences to hold all $accepted accepted items..." >&2
drain_batch="$(drain_seconds "$accepted")"
await_records "$accepted"
cpu_batch="$(awk -v a="$(cpu_seconds)" -v b="$cpu_start" 'BEGIN {printf "%.2f", a - b}')"
# One more read after a pause: a late extra record (a duplicate) would show here.
sleep 3
read -r records distinct < <(count)

single_rps="$(figure "$WORK/single.txt" '^Requests/sec' 2)"
batch_rps="$(figure "$WORK/batch.txt" '^Requests/sec' 2)"
batch_items="$(awk -v r="$batch_rps" -v b="$LOAD_BATCH" 'BEGIN {printf "%.0f", r * b}')"
run_seconds="$(seconds "$DURATION")"
end_to_end() { # ITEMS DRAIN
    awk -v n="$1" -v d="$run_seconds" -v r="$2" 'BEGIN {printf "%.0f", n / (d + r)}'
}
verdict="PASS: zero loss, no duplicates"
status=0
if [[ "$records" != "$accepted" || "$records" != "$distinct" ]]; then
    verdict="FAIL: accepted $accepted, records $records, distinct ids $distinct"
    status=1
fi

mkdir -p "$(dirname "$OUT")"
{
    echo "# Feedback ingest load test"
    echo
    echo "Date: $(date -u +%Y-%m-%dT%H:%M:%SZ). Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr), $(java -version 2>&1 | head -1)."
    case "$DURATION" in
        [0-9]s | [1-5][0-9]s) echo "**Short check run (DURATION=$DURATION): shows that the harness works, not a measurement; the figures are for runs of 60 s on a quiet machine.**" && echo ;;
    esac
    echo "Everything on this one machine over loopback: embedded broker + ingest (\`./rlhf up --no-scorer --no-retrainer\`) and wrk."
    echo
    echo "Command: \`DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS CONNECTIONS=$CONNECTIONS BATCH_CONNECTIONS=$BATCH_CONNECTIONS LOAD_BATCH=$LOAD_BATCH feedback-ingest/scripts/load-test.sh\`"
    echo
    echo "| Run | wrk | Requests/s | Items/s | p50 | p99 | Requests | Non-2xx |"
    echo "|---|---|---|---|---|---|---|---|"
    echo "| single item | -t$THREADS -c$CONNECTIONS -d$DURATION | $single_rps | $single_rps | $(figure "$WORK/single.txt" '^ +50%' 2) | $(figure "$WORK/single.txt" '^ +99%' 2) | $(figure "$WORK/single.txt" 'requests in' 1) | $(figure "$WORK/single.txt" 'Non-2xx' 5)|"
    echo "| $LOAD_BATCH-item batch | -t$THREADS -c$BATCH_CONNECTIONS -d$DURATION | $batch_rps | $batch_items | $(figure "$WORK/batch.txt" '^ +50%' 2) | $(figure "$WORK/batch.txt" '^ +99%' 2) | $(figure "$WORK/batch.txt" 'requests in' 1) | $(figure "$WORK/batch.txt" 'Non-2xx' 5)|"
    echo
    echo "Latency is until the broker acknowledged (the ingest answers only then)."
    echo
    echo "| Run | Items accepted | Backlog when wrk stopped | Drain | End to end, items/s |"
    echo "|---|---:|---:|---:|---:|"
    echo "| single item | $((after_single - before_single)) | $backlog_single | $drain_single s | $(end_to_end "$((after_single - before_single))" "$drain_single") |"
    echo "| $LOAD_BATCH-item batch | $((accepted - after_single)) | $backlog_batch | $drain_batch s | $(end_to_end "$((accepted - after_single))" "$drain_batch") |"
    echo
    echo "Backlog: items the API had accepted (on rlhf.feedback) that the topology had not yet recorded; end to end: the run's items over the run and the drain."
    echo
    echo "How steady: items accepted by the API and recorded by the topology in each 10 s window of the batch run (counters on /metrics)."
    echo
    echo "| Window | Accepted, items/s | Recorded, items/s |"
    echo "|---|---:|---:|"
    window_rows "$WORK/batch.rates"
    echo
    echo "CPU of the ingest's JVM (embedded broker, HTTP API, both Streams applications; not wrk) from the start of a run until rlhf.preferences held every item it accepted: single items $cpu_single s for $((after_single - before_single)) items = $(awk -v c="$cpu_single" -v n="$((after_single - before_single))" 'BEGIN {printf "%.3f", (n > 0 ? 1000 * c / n : 0)}') ms/item; batches $cpu_batch s for $((accepted - after_single)) items = $(awk -v c="$cpu_batch" -v n="$((accepted - after_single))" 'BEGIN {printf "%.3f", (n > 0 ? 1000 * c / n : 0)}') ms/item."
    echo
    echo "Loss and duplicates: the ingest accepted $accepted items ($before_single in the warm-up, $((after_single - before_single)) single, $((accepted - after_single)) in batches; $duplicates answered duplicate); rlhf.preferences holds $records committed records (read_committed) with $distinct distinct feedback ids. **$verdict.**"
    echo
    echo "<details><summary>wrk output</summary>"
    echo
    echo '```'
    cat "$WORK/single.txt"
    echo
    cat "$WORK/batch.txt"
    echo '```'
    echo "</details>"
} >"$OUT"
echo "load-test: $verdict; wrote $OUT" >&2
exit "$status"
