#!/usr/bin/env bash
# Per-syscall cost of the capture drivers, run inside the VM by `tests/vm/run --bench`
# (same boot for every driver):
#
#   bench.sh REPO RESULTS_DIR
#
# The load is `dd bs=1` copying N bytes from /dev/zero to /dev/null: 2 N syscalls
# (read + write), each captured with its parameters (1 byte of data each). It runs with no capture, then while
# each driver records everything to /dev/null: our module (falco-inspect --kmod), our
# eBPF probe (falco-inspect --engine modern_ebpf) and the reference module scap.ko
# (sysdig -w) when Debian's DKMS build of it is present. Figures are for QEMU software
# emulation: absolute times are inflated; the comparison is what counts.
set -u
REPO=$1
RES=$2
KO=${KO:-$REPO/driver/kmod/falco_rs.ko}
INSPECT=${INSPECT:-$REPO/target/debug/falco-inspect}
N=${BENCH_N:-200000}
ROUNDS=${BENCH_ROUNDS:-3}
T=$(mktemp -d /tmp/bench.XXXXXX)
: >"$RES/log"
log() { echo "$*" | tee -a "$RES/log"; }

# Best of ROUNDS: CPU time (user + system) of the dd load per syscall, in ns. CPU time
# rather than wall time: the probes run in the syscall's context (so they are in it) and
# the recorder's competition for a CPU is left out.
measure() {
	local best= r t ns
	for r in $(seq 1 "$ROUNDS"); do
		t=$( { TIMEFORMAT='%3U %3S'; time dd if=/dev/zero of=/dev/null bs=1 count="$N" 2>/dev/null; } 2>&1)
		ns=$(echo "$t" | awk -v n="$N" '{ printf "%d", ($1 + $2) * 1e9 / (2 * n) }')
		if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
	done
	echo "$best"
}

# Run `measure` while a recorder runs; $1 names it, the rest is its command.
with_recorder() {
	local name=$1 pid ns
	shift
	# The machine's load changes over time: a baseline right before each driver.
	BASE=$(measure)
	"$@" 2>"$T/$name.err" &
	pid=$!
	# Measure only once the recorder captures: falco-inspect says so; sysdig does not,
	# give it 15 s (it scans /proc and loads the module's settings).
	if [ "$1" = "$INSPECT" ]; then
		for i in $(seq 1 600); do
			grep -q "live capture with" "$T/$name.err" && break
			sleep 0.1
		done
		sleep 1
	else
		sleep 15
	fi
	ns=$(measure)
	kill -INT "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	log "$name: $ns ns/syscall, $BASE without capture just before: +$((ns - BASE)) ns/syscall"
	grep -hE "driver events|dropped|Driver Events|Drops" "$T/$name.err" | sed 's/^/    /' | tee -a "$RES/log"
}

log "bench: kernel $(uname -r), $(nproc) vCPUs (QEMU TCG), load: dd bs=1 count=$N, best of $ROUNDS"
insmod "$KO" && with_recorder kmod "$INSPECT" --kmod -w /dev/null
rmmod falco_rs 2>/dev/null
with_recorder ebpf "$INSPECT" --engine modern_ebpf -w /dev/null
SCAP=/lib/modules/$(uname -r)/updates/dkms/scap.ko
if [ -f "$SCAP" ] && command -v sysdig >/dev/null; then
	insmod "$SCAP" && with_recorder scap.ko sysdig -w /dev/null
	rmmod scap 2>/dev/null
else
	log "scap.ko: not available ($SCAP)"
fi
log "bench done"
echo "bench done" >"$RES/summary"
sync
