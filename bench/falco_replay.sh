#!/usr/bin/env bash
# Benchmark of `falco` replaying a capture with the upstream rules (issue 5):
#
#   `falco -r falco_rules.yaml -r falco-incubating_rules.yaml -r falco-sandbox_rules.yaml`
#   replaying vm-workload-2 (rule_matching: all, every rule of the three files as they
#   ship, stdout output) must be at least as fast as `sysdig -r` of the same file with one
#   simple filter, and its peak RSS no higher than sysdig's. Both run in the same session
#   (hyperfine for time, GNU time for peak RSS; medians).
#
# Usage: bench/falco_replay.sh
# Environment:
#   CAPTURES=DIR   folder holding vm-workload-2.scap.gz (default: ../shared/captures)
#   RULES=DIR      folder holding the upstream rules (default: ../shared/rules/upstream)
#   SYSDIG=PATH    sysdig binary (default: sysdig on PATH)
#   RUNS=N         hyperfine runs per command (default 5, after 1 warm-up)
#   RSS_RUNS=N     GNU time runs per command (default 3)
#
# Skips with one line (exit 0) when the capture, the rules, sysdig or hyperfine is absent.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAPTURES=${CAPTURES:-$ROOT/../shared/captures}
RULES=${RULES:-$ROOT/../shared/rules/upstream}
GZ=$CAPTURES/vm-workload-2.scap.gz
RUNS=${RUNS:-5}
RSS_RUNS=${RSS_RUNS:-3}
SYSDIG=${SYSDIG:-$(command -v sysdig || true)}

for need in "$GZ" "$RULES/falco_rules.yaml"; do
    if [[ ! -e $need ]]; then
        echo "bench skipped: $need not found"
        exit 0
    fi
done
if [[ -z $SYSDIG ]] || ! command -v hyperfine > /dev/null || [[ ! -x /usr/bin/time ]]; then
    echo "bench skipped: needs sysdig, hyperfine and GNU time (/usr/bin/time)"
    exit 0
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/falco-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
CAP=$TMP/vm-workload-2.scap
zcat "$GZ" > "$CAP"
cat > "$TMP/falco.yaml" <<EOF
log_stderr: false
log_syslog: false
stdout_output:
  enabled: true
syslog_output:
  enabled: false
rule_matching: all
rules_files: []
EOF

(cd "$ROOT" && cargo build --release -q --bin falco)
FALCO=$ROOT/target/release/falco
FALCO_CMD="$FALCO -c $TMP/falco.yaml -r $RULES/falco_rules.yaml -r $RULES/falco-incubating_rules.yaml -r $RULES/falco-sandbox_rules.yaml -o engine.kind=replay -o engine.replay.capture_file=$CAP"
SYSDIG_CMD="$SYSDIG -r $CAP evt.type=execve"

echo "== machine"
echo "$(nproc) CPUs, $(uname -r), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "events in capture: $($ROOT/target/release/falco-inspect -r "$CAP" -p '%evt.num' 2> /dev/null | tail -1 || true)"
echo "rules loaded: $($FALCO_CMD -L 2> /dev/null | tail -n +3 | grep -c '^[^ ]' || true)"
echo
echo "== alerts of the replay (stdout lines)"
$FALCO_CMD 2> /dev/null | tail -n 20
echo
echo "== time (hyperfine, $RUNS runs)"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$TMP/h.json" \
    -n falco "$FALCO_CMD" -n sysdig "$SYSDIG_CMD" > /dev/null
python3 - "$TMP/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
f, s = r["falco"]["median"], r["sysdig"]["median"]
print(f"falco  median {f*1000:8.1f} ms")
print(f"sysdig median {s*1000:8.1f} ms")
print(f"falco is {s/f:.2f}x the speed of sysdig -r with one filter ({'PASS' if f <= s else 'FAIL'}: target >= 1x)")
PY
echo
echo "== peak RSS (GNU time, median of $RSS_RUNS)"
rss() {
    for _ in $(seq "$RSS_RUNS"); do
        /usr/bin/time -v "$@" 2>&1 > /dev/null | awk -F': ' '/Maximum resident/ {print $2}'
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
# shellcheck disable=SC2086
F=$(rss $FALCO_CMD)
# shellcheck disable=SC2086
S=$(rss $SYSDIG_CMD)
echo "falco  $F kB"
echo "sysdig $S kB"
if (( F <= S )); then echo "PASS: falco peak RSS <= sysdig's"; else echo "FAIL: falco peak RSS > sysdig's"; fi
