#!/usr/bin/env bash
# Memory of `falco` live over a long run (issue 6: "long live runs keep memory flat").
#
# Runs falco live (modern eBPF probe, default rules) while a churning workload starts
# thousands of short-lived processes that open, write and close files and connect over
# loopback; samples falco's resident memory every INTERVAL seconds and prints the samples,
# the thread-table size reached, and the growth between the first and the second half.
#
# Usage: sudo bench/live_soak.sh            (needs root and kernel BTF)
# Environment:
#   MINUTES=N     duration (default 3)
#   INTERVAL=S    seconds between samples (default 10)
#   NICE=N        niceness of the churning workload (default 0; a long run on a shared
#                 machine uses 19 so that the workload only takes idle CPU)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MINUTES=${MINUTES:-3}
INTERVAL=${INTERVAL:-10}
NICE=${NICE:-0}
if [[ $(id -u) != 0 || ! -e /sys/kernel/btf/vmlinux ]]; then
    echo "bench skipped: needs root and kernel BTF"
    exit 0
fi

(cd "$ROOT" && cargo build --release -q --bin falco)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/falco-soak.XXXXXX")
trap 'kill "${WORK:-0}" "${FALCO:-0}" 2> /dev/null || true; rm -rf "$TMP"' EXIT

"$ROOT/target/release/falco" -c "$ROOT/falco-cli/config/falco.yaml" \
    -r "$ROOT/falco-cli/rules/falco_rules.yaml" -o engine.kind=modern_ebpf \
    -o stdout_output.enabled=false -o syslog_output.enabled=false \
    -o file_output.enabled=true -o "file_output.filename=$TMP/alerts.txt" \
    -o log_stderr=true -o log_syslog=false -M $((MINUTES * 60 + 30)) -v \
    2> "$TMP/falco.log" &
FALCO=$!
for _ in $(seq 50); do
    grep -q "Opening 'syscall' source" "$TMP/falco.log" 2> /dev/null && break
    sleep 0.2
done
sleep 2

# The churn: short-lived processes, files, loopback connects (to a closed port).
nice -n "$NICE" bash -c '
    TMP=$1 MINUTES=$2
    end=$((SECONDS + MINUTES * 60))
    while ((SECONDS < end)); do
        for i in $(seq 200); do
            sh -c "echo $i > $TMP/f.$((i % 16)); cat $TMP/f.$((i % 16)) > /dev/null" 
        done
        (exec 3<> /dev/tcp/127.0.0.1/9) 2> /dev/null || true
    done
' churn "$TMP" "$MINUTES" &
WORK=$!

echo "== falco RSS every ${INTERVAL}s for ${MINUTES} min (kB)"
samples=()
start=$SECONDS
end=$((SECONDS + MINUTES * 60))
while ((SECONDS < end)); do
    sleep "$INTERVAL"
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$FALCO/status")
    samples+=("$rss")
    echo "t=$((SECONDS - start))s rss=${rss}"
done
kill "$WORK" 2> /dev/null || true
wait "$WORK" 2> /dev/null || true
kill -INT "$FALCO"
wait "$FALCO" || true
n=${#samples[@]}
half=$((n / 2))
first=$(printf '%s\n' "${samples[@]:0:half}" | sort -n | tail -1)
second=$(printf '%s\n' "${samples[@]:half}" | sort -n | tail -1)
echo "max RSS first half: ${first} kB, second half: ${second} kB"
echo "alerts: $(grep -c . "$TMP/alerts.txt" 2> /dev/null || echo 0);" \
    "$(grep -E 'Driver Events|Driver Drops|Captured Events' "$TMP/falco.log" | tr '\n' ' ')"
if ((second <= first * 105 / 100)); then
    echo "PASS: memory flat (second half within 5% of the first)"
else
    echo "FAIL: memory grew by more than 5%"
fi
