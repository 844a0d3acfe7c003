#!/usr/bin/env bash
# Issue 4 benchmark: a filter and a format that need the process and fd state, on the
# million-event capture, falco-inspect against sysdig 0.29 in the same run:
#
#   falco-inspect -r vm-workload-2.scap -p "%evt.num %proc.name %fd.name" \
#       "evt.type in (open, openat) and fd.name startswith /etc"
#
# Targets: at least 2x faster than sysdig with the same arguments (wall time: the median of
# the ratios of back-to-back pairs; hyperfine's medians are shown too), peak RSS no higher
# than sysdig's (/usr/bin/time -v). The outputs are also compared
# (they must be identical) so that the timing is of equal work.
#
# Usage: bench/filter.sh   (release build; nothing written inside the repository except
#                           cargo's target directory)
# Environment:
#   CAPTURES=DIR   folder holding vm-workload-2.scap.gz (default: ../shared/captures)
#   SYSDIG=PATH    sysdig binary (default: sysdig on PATH)
#   RUNS=N         hyperfine runs per command (default 10, after 2 warm-up runs)
#   RSS_RUNS=N     /usr/bin/time runs per command (default 3; the median is reported)
#   PAIRS=N        back-to-back pairs for the speedup criterion (default 21)
#
# Skips (exit 0, one clear line) when the capture, sysdig or hyperfine is absent.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAPTURES=${CAPTURES:-$ROOT/../shared/captures}
GZ=$CAPTURES/vm-workload-2.scap.gz
RUNS=${RUNS:-10}
RSS_RUNS=${RSS_RUNS:-3}
PAIRS=${PAIRS:-21}
FMT='%evt.num %proc.name %fd.name'
FILTER='evt.type in (open, openat) and fd.name startswith /etc'

if [[ ! -f $GZ ]]; then
    echo "bench skipped: capture $GZ not found (set CAPTURES=DIR)"
    exit 0
fi
SYSDIG=${SYSDIG:-$(command -v sysdig || true)}
if [[ -z $SYSDIG || ! -x $SYSDIG ]]; then
    echo "bench skipped: sysdig not found (set SYSDIG=PATH); it is the reference of this benchmark"
    exit 0
fi
if ! command -v hyperfine > /dev/null; then
    echo "bench skipped: hyperfine not found (apt-get install hyperfine)"
    exit 0
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/falco-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
CAP=$TMP/vm-workload-2.scap
zcat "$GZ" > "$CAP"

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'; }

echo "== machine"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "nproc:   $(nproc)"
echo "cpu:     $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average at start)"
echo "sysdig:  $("$SYSDIG" --version 2>&1 | head -1)"

echo "== build"
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release -q -p falco-cli --bin falco-inspect
INSPECT=$TARGET/release/falco-inspect

echo "== same output"
"$INSPECT" -r "$CAP" -p "$FMT" "$FILTER" > "$TMP/ours.txt"
"$SYSDIG" -r "$CAP" -p "$FMT" "$FILTER" > "$TMP/theirs.txt"
if cmp -s "$TMP/ours.txt" "$TMP/theirs.txt"; then
    echo "identical: $(wc -l < "$TMP/ours.txt") lines"
else
    echo "OUTPUTS DIFFER:"; diff "$TMP/theirs.txt" "$TMP/ours.txt" | head -20
    exit 1
fi

echo "== time (hyperfine, output to /dev/null)"
hyperfine -N --warmup 2 --runs "$RUNS" --output=null --export-csv "$TMP/hf.csv" \
    -n falco-inspect "$INSPECT -r $CAP -p '$FMT' '$FILTER'" \
    -n sysdig "$SYSDIG -r $CAP -p '$FMT' '$FILTER'"
# CSV: command,mean,stddev,median,user,system,min,max (seconds)
FI_MED=$(awk -F, '$1=="falco-inspect" {print $4}' "$TMP/hf.csv")
SD_MED=$(awk -F, '$1=="sysdig" {print $4}' "$TMP/hf.csv")
FI_CPU=$(awk -F, '$1=="falco-inspect" {print $5+$6}' "$TMP/hf.csv")
SD_CPU=$(awk -F, '$1=="sysdig" {print $5+$6}' "$TMP/hf.csv")

# hyperfine runs all of one command, then all of the other: a few seconds in which the
# shared machine is slower then count against one side only. So the criterion is taken
# from pairs run back to back (the order alternating), as the median of the per-pair
# ratios.
echo "== interleaved pairs ($PAIRS pairs, back to back, order alternating)"
pair_ms() {
    local t0 t1
    t0=$EPOCHREALTIME
    "$@" > /dev/null
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) * 1e3}'
}
for i in $(seq "$PAIRS"); do
    if (( i % 2 )); then
        a=$(pair_ms "$INSPECT" -r "$CAP" -p "$FMT" "$FILTER")
        b=$(pair_ms "$SYSDIG" -r "$CAP" -p "$FMT" "$FILTER")
    else
        b=$(pair_ms "$SYSDIG" -r "$CAP" -p "$FMT" "$FILTER")
        a=$(pair_ms "$INSPECT" -r "$CAP" -p "$FMT" "$FILTER")
    fi
    echo "$a $b"
done > "$TMP/pairs.txt"
PAIR_RATIO=$(awk '{printf "%.4f\n", $2 / $1}' "$TMP/pairs.txt" | median)
PAIR_FI=$(awk '{print $1}' "$TMP/pairs.txt" | median)
PAIR_SD=$(awk '{print $2}' "$TMP/pairs.txt" | median)
PAIR_WIN=$(awk '$2 / $1 >= 2 {n++} END {print n + 0}' "$TMP/pairs.txt")
echo "falco-inspect median $PAIR_FI ms, sysdig median $PAIR_SD ms, median ratio ${PAIR_RATIO}x; $PAIR_WIN of $PAIRS pairs at 2x or more"

FI_RSS="" SD_RSS=""
if [[ -x /usr/bin/time ]]; then
    rss() {
        for _ in $(seq "$RSS_RUNS"); do
            /usr/bin/time -v "$@" 2>&1 > /dev/null |
                awk -F': ' '/Maximum resident set size/ {print $2}'
        done | median
    }
    echo "== peak RSS (/usr/bin/time -v, median of $RSS_RUNS runs)"
    FI_RSS=$(rss "$INSPECT" -r "$CAP" -p "$FMT" "$FILTER")
    SD_RSS=$(rss "$SYSDIG" -r "$CAP" -p "$FMT" "$FILTER")
    echo "falco-inspect: $FI_RSS kB"
    echo "sysdig:        $SD_RSS kB"
else
    echo "note: /usr/bin/time (GNU time) not found: peak RSS is not measured (apt-get install time)"
fi

echo
echo "== summary (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
verdict() { if [[ $1 == 1 ]]; then echo "met"; else echo "NOT MET"; fi; }
SPEEDUP=$(awk -v a="$FI_MED" -v b="$SD_MED" 'BEGIN {printf "%.2f", b/a}')
CPU_SPEEDUP=$(awk -v a="$FI_CPU" -v b="$SD_CPU" 'BEGIN {printf "%.2f", b/a}')
printf '%-40s %-30s %-14s %s\n' "criterion" "measured" "target" "result"
printf '%-40s %-30s %-14s %s\n' "median wall time (falco-inspect/sysdig)" \
    "$(awk -v a="$FI_MED" -v b="$SD_MED" 'BEGIN {printf "%.1f ms / %.1f ms", a*1e3, b*1e3}')" "" ""
printf '%-40s %-30s %-14s %s\n' "   speedup (hyperfine medians)" "${SPEEDUP}x" "" ""
printf '%-40s %-30s %-14s %s\n' "   speedup (median of paired ratios)" "${PAIR_RATIO}x" ">= 2x" \
    "$(verdict "$(awk -v s="$PAIR_RATIO" 'BEGIN {print (s >= 2)}')")"
printf '%-40s %-30s %-14s %s\n' "   same, in CPU time (user + system)" \
    "$(awk -v a="$FI_CPU" -v b="$SD_CPU" 'BEGIN {printf "%.1f ms / %.1f ms", a*1e3, b*1e3}') = ${CPU_SPEEDUP}x" "" ""
if [[ -n $FI_RSS && -n $SD_RSS ]]; then
    printf '%-40s %-30s %-14s %s\n' "peak RSS (falco-inspect/sysdig)" \
        "$FI_RSS kB / $SD_RSS kB" "<= sysdig" "$(verdict "$(( FI_RSS <= SD_RSS ))")"
fi
