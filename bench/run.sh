#!/usr/bin/env bash
# Benchmarks of the capture read path against the issue's acceptance criteria:
#
#   1. raw decode of every event of vm-workload-2.scap >= 30 million events/s on one core
#      (cargo bench -p falco-scap --bench decode);
#   2. `falco-inspect -r F -p "%evt.num %evt.type" > /dev/null` at least 3x faster than the
#      same sysdig command (hyperfine, both in the same run);
#   3. peak RSS of falco-inspect below sysdig's (/usr/bin/time -v, "Maximum resident set size").
#
# Usage: bench/run.sh            (from anywhere; nothing is written inside the repository
#                                 except cargo's target directory)
# Environment:
#   CAPTURES=DIR      folder holding vm-workload-2.scap.gz (default: ../shared/captures)
#   SYSDIG=PATH       sysdig binary (default: sysdig on PATH)
#   RUNS=N            hyperfine runs per command (default 5, after 1 warm-up run)
#   ROUNDS=N          decode bench rounds (default 7, after 1 warm-up round)
#   RSS_RUNS=N        /usr/bin/time runs per command (default 3; the median is reported)
#   CALLGRIND=1       also count instructions with valgrind (slow: sysdig takes a minute)
#
# Skips (exit 0, one clear line) when the capture is absent; skips the comparison with
# sysdig (criteria 2 and 3) when sysdig or hyperfine is absent.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAPTURES=${CAPTURES:-$ROOT/../shared/captures}
GZ=$CAPTURES/vm-workload-2.scap.gz
RUNS=${RUNS:-5}
ROUNDS=${ROUNDS:-7}
RSS_RUNS=${RSS_RUNS:-3}
FMT='%evt.num %evt.type'

if [[ ! -f $GZ ]]; then
    echo "bench skipped: capture $GZ not found (set CAPTURES=DIR)"
    exit 0
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/falco-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
CAP=$TMP/vm-workload-2.scap
zcat "$GZ" > "$CAP"

SYSDIG=${SYSDIG:-$(command -v sysdig || true)}
HAVE_SYSDIG=1
if [[ -z $SYSDIG || ! -x $SYSDIG ]]; then
    HAVE_SYSDIG=0
    echo "note: sysdig not found (set SYSDIG=PATH): the comparison with sysdig is skipped"
fi
if ! command -v hyperfine > /dev/null; then
    HAVE_SYSDIG=0
    echo "note: hyperfine not found: the timing comparison with sysdig is skipped"
fi
HAVE_TIME=1
if [[ ! -x /usr/bin/time ]]; then
    HAVE_TIME=0
    echo "note: /usr/bin/time (GNU time) not found: peak RSS is not measured (apt-get install time)"
fi

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'; }

echo "== machine"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "nproc:   $(nproc)"
echo "cpu:     $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
echo "kernel:  $(uname -r)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average at start; other work slows timings)"
echo "rustc:   $(rustc --version)"
[[ $HAVE_SYSDIG == 1 ]] && echo "sysdig:  $("$SYSDIG" --version 2>&1 | head -1)"
echo "capture: $(basename "$GZ") -> $(stat -c %s "$CAP") bytes uncompressed"

echo "== build"
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release -q -p falco-cli
INSPECT=$TARGET/release/falco-inspect
DECODE=$(cargo bench -p falco-scap --bench decode --no-run 2>&1 |
    sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)
[[ $DECODE = /* ]] || DECODE=$ROOT/$DECODE

echo "== 1. raw decode (CaptureReader, every event, header and every parameter slice)"
"$DECODE" "$CAP" "$ROUNDS" | tee "$TMP/decode.txt"
DEC_LINE=$(grep '^median:' "$TMP/decode.txt")
DEC_EPS=$(awk '{for (i=1;i<NF;i++) if ($i=="events/s") {print $(i+1); exit}}' <<< "$DEC_LINE")
DEC_MBS=$(awk '{for (i=1;i<NF;i++) if ($i=="MB/s") {print $(i+1); exit}}' <<< "$DEC_LINE")
DEC_CPU=$(awk '{for (i=1;i<NF;i++) if ($i=="cpu-events/s") {print $(i+1); exit}}' <<< "$DEC_LINE")
DEC_EVENTS=$(awk '{print $3}' <<< "$DEC_LINE")

FI_MED="" SD_MED="" FI_RSS="" SD_RSS=""
if [[ $HAVE_SYSDIG == 1 ]]; then
    echo "== 2. falco-inspect vs sysdig: -p \"$FMT\" > /dev/null"
    hyperfine -N --warmup 1 --runs "$RUNS" --output=null --export-csv "$TMP/hf.csv" \
        -n falco-inspect "$INSPECT -r $CAP -p '$FMT'" \
        -n sysdig "$SYSDIG -r $CAP -p '$FMT'"
    # CSV: command,mean,stddev,median,user,system,min,max (seconds)
    FI_MED=$(awk -F, '$1=="falco-inspect" {print $4}' "$TMP/hf.csv")
    SD_MED=$(awk -F, '$1=="sysdig" {print $4}' "$TMP/hf.csv")
fi

rss() {  # median peak RSS (kB) of a command over RSS_RUNS runs
    for _ in $(seq "$RSS_RUNS"); do
        /usr/bin/time -v "$@" 2>&1 > /dev/null |
            awk -F': ' '/Maximum resident set size/ {print $2}'
    done | median
}
if [[ $HAVE_TIME == 1 ]]; then
    echo "== 3. peak RSS (/usr/bin/time -v, median of $RSS_RUNS runs)"
    FI_RSS=$(rss "$INSPECT" -r "$CAP" -p "$FMT")
    echo "falco-inspect: $FI_RSS kB"
    if [[ -n $SYSDIG && -x $SYSDIG ]]; then
        SD_RSS=$(rss "$SYSDIG" -r "$CAP" -p "$FMT")
        echo "sysdig:        $SD_RSS kB"
    fi
fi

if [[ ${CALLGRIND:-0} == 1 ]] && command -v valgrind > /dev/null; then
    echo "== instruction counts (valgrind --tool=callgrind)"
    ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
        awk '/I *refs:/ {gsub(",", "", $NF); print $NF}'; }
    # The decode bench does one warm-up round plus ROUNDS rounds: the difference between
    # 2 and 1 rounds is the cost of one pass over the capture.
    IR1=$(ir "$DECODE" "$CAP" 1)
    IR2=$(ir "$DECODE" "$CAP" 2)
    echo "decode: $((IR2 - IR1)) instructions per pass, $(( (IR2 - IR1) / DEC_EVENTS )) per event"
    echo "falco-inspect -p: $(ir "$INSPECT" -r "$CAP" -p "$FMT") instructions"
    [[ $HAVE_SYSDIG == 1 ]] && echo "sysdig -p:        $(ir "$SYSDIG" -r "$CAP" -p "$FMT") instructions"
fi

echo
echo "== summary (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
verdict() { if [[ $1 == 1 ]]; then echo "met"; else echo "NOT MET"; fi; }
printf '%-44s %-28s %-20s %s\n' "criterion" "measured" "target" "result"
printf '%-44s %-28s %-20s %s\n' "1. raw decode, events/s (one core)" \
    "$(awk -v e="$DEC_EPS" -v m="$DEC_MBS" 'BEGIN {printf "%.1f M/s (%s MB/s)", e/1e6, m}')" \
    ">= 30 M/s" "$(verdict "$(awk -v e="$DEC_EPS" 'BEGIN {print (e >= 30e6)}')")"
if [[ -n $DEC_CPU ]]; then
    printf '%-44s %-28s %-20s %s\n' "   same, per CPU second of the thread" \
        "$(awk -v e="$DEC_CPU" 'BEGIN {printf "%.1f M/s", e/1e6}')" "" ""
fi
if [[ -n $FI_MED && -n $SD_MED ]]; then
    SPEEDUP=$(awk -v a="$FI_MED" -v b="$SD_MED" 'BEGIN {printf "%.2f", b/a}')
    printf '%-44s %-28s %-20s %s\n' "2. -p time, median (falco-inspect / sysdig)" \
        "$(awk -v a="$FI_MED" -v b="$SD_MED" 'BEGIN {printf "%.1f ms / %.1f ms", a*1e3, b*1e3}')" \
        "" ""
    printf '%-44s %-28s %-20s %s\n' "   speedup over sysdig" "${SPEEDUP}x" ">= 3x" \
        "$(verdict "$(awk -v s="$SPEEDUP" 'BEGIN {print (s >= 3)}')")"
else
    printf '%-44s %-28s %-20s %s\n' "2. speedup over sysdig" "skipped" ">= 3x" "-"
fi
if [[ -n $FI_RSS && -n $SD_RSS ]]; then
    printf '%-44s %-28s %-20s %s\n' "3. peak RSS (falco-inspect / sysdig)" \
        "$FI_RSS kB / $SD_RSS kB" "below sysdig" "$(verdict "$(( FI_RSS < SD_RSS ))")"
else
    printf '%-44s %-28s %-20s %s\n' "3. peak RSS vs sysdig" "skipped" "below sysdig" "-"
fi
