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
# (sysdig -w) when Debian's DKMS build of it is present. Then the highest zero-drop event
# rate of our module and our eBPF probe (getppid at rising fixed rates, see rates()), and
# that of scap.ko, which has no drop counters in sysdig 0.29, by counting the loaders'
# events in a recording (see file_rates(); checked on our module against its counters).
# Figures are for QEMU software emulation: absolute times are inflated; the comparison
# is what counts. The summary is "bench done", or "bench failed" when a driver's
# counters are missing, generated != delivered + dropped, or the module's counters
# disagree with the count in its recording.
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
	local best="" t ns
	for _ in $(seq 1 "$ROUNDS"); do
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
		for _ in $(seq 1 600); do
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

# ---- Highest zero-drop rate: getppid() loaders, each driver's counters ----
# Each step N@R runs N loader processes calling getppid() R times a second each (R = 0:
# as fast as they can) for RATE_SECONDS, while falco-inspect records everything to
# /dev/null; its end-of-run line gives the driver's generated, delivered and dropped
# events. Paced loaders work in 1 ms ticks and sleep until the next tick with one
# clock_nanosleep (under TCG the clock read may be a real syscall: no busy-waiting on
# it). The load goes up until drops appear; the highest zero-drop rate is the largest
# events/s seen without a drop. generated = delivered + dropped is checked every run.
cat >"$T/gen.c" <<'GEN'
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double secs = atof(argv[1]), rate = atof(argv[2]), t0 = now();
	long per_tick = rate > 0 ? rate / 1000 : 1000, done = 0;
	struct timespec next;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (now() - t0 < secs) {
		for (long i = 0; i < per_tick; i++)
			syscall(SYS_getppid);
		done += per_tick;
		if (rate > 0) {
			next.tv_nsec += 1000000;
			if (next.tv_nsec >= 1000000000) {
				next.tv_nsec -= 1000000000;
				next.tv_sec++;
			}
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		}
	}
	printf("%ld\n", done);
	return 0;
}
GEN
cc -O2 -o "$T/gen" "$T/gen.c" || log "rate: cannot compile the generator"
STEPS=${BENCH_STEPS:-"1@50000 1@100000 1@200000 1@300000 1@0 2@0"}
RATE_SECONDS=${BENCH_RATE_SECONDS:-5}
BAD=0
rates() { # name, then the recorder's options
	local name=$1 step n r pid pids t0 t1 line gen del drop=0 sys calls best=0 j
	shift
	for step in $STEPS; do
		n=${step%@*}
		r=${step#*@}
		"$INSPECT" "$@" -w /dev/null 2>"$T/rate.err" &
		pid=$!
		for _ in $(seq 1 600); do
			grep -q "live capture with" "$T/rate.err" && break
			sleep 0.1
		done
		sleep 1
		t0=$(date +%s.%N)
		pids=()
		for j in $(seq 1 "$n"); do
			"$T/gen" "$RATE_SECONDS" "$r" >"$T/gen.$j" &
			pids+=($!)
		done
		wait "${pids[@]}"
		t1=$(date +%s.%N)
		kill -INT "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		calls=$(cat "$T"/gen.[0-9]* | awk '{s += $1} END {print s}')
		rm -f "$T"/gen.[0-9]*
		line=$(grep "driver events" "$T/rate.err")
		gen=$(echo "$line" | sed -nE 's/.*events: ([0-9]+) generated.*/\1/p')
		del=$(echo "$line" | sed -nE 's/.* ([0-9]+) delivered.*/\1/p')
		drop=$(echo "$line" | sed -nE 's/.* ([0-9]+) dropped.*/\1/p')
		if [ -z "$gen" ] || [ -z "$del" ] || [ -z "$drop" ]; then
			log "$name rate, $step: no counters: $(tail -2 "$T/rate.err")"
			BAD=1
			break
		fi
		# Events per second over the loaders' run (the counters also cover the second
		# before it and the stop: a slight overestimate).
		sys=$(awk -v g="$gen" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", g / (b - a)}')
		log "$name rate, $n loader(s) at $([ "$r" = 0 ] && echo 'full speed' || echo "$r/s"): $calls getppid calls in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s, ${sys} events/s: generated $gen, delivered $del, dropped $drop"
		if [ "$gen" != $((del + drop)) ]; then
			log "$name rate: FAIL generated $gen != delivered $del + dropped $drop"
			BAD=1
		fi
		[ "$drop" -gt 0 ] && break
		[ "$sys" -gt "$best" ] && best=$sys
	done
	if [ "$drop" = 0 ]; then
		log "$name: highest zero-drop rate measured: $best events/s (no drops at any load tried)"
	else
		log "$name: highest zero-drop rate measured: $best events/s (drops at the next load)"
	fi
}

# ---- The same rate without driver counters: the loaders' events counted in a recording ----
# sysdig 0.29 prints no drop counters at the end of a recording, so for scap.ko the
# recorder writes every event to a file in the guest's /tmp (tmpfs), and the loaders'
# getppid events are counted in it afterwards with our reader (by pid: thread.tid):
# delivered = the loaders' getppid exit events in the file (one per call; scap.ko also
# writes an enter event per call, counted and shown but not used; our drivers write the
# exit only), dropped = the calls the loaders made (each prints its count) - delivered.
# The recorder gets 2 s after the loaders end to drain its buffers before it is stopped,
# so events still in flight are not counted as drops. Same steps as rates(); the rate is
# the loaders' calls per second. Run on our module as well, it checks the method against
# the module's counters in the same boot: the file must hold exactly the delivered events,
# every call when nothing was dropped, and the loaders' drops cannot exceed all drops.
file_rates() { # name, then the recorder's command (its output file is added)
	local name=$1 step n r pid pids tids t0 t1 calls cps c total en ex exe fdrop=0 best=0 j
	local line gen del drop
	shift
	for step in $STEPS; do
		n=${step%@*}
		r=${step#*@}
		rm -f "$T/rec.scap"
		"$@" -w "$T/rec.scap" 2>"$T/rate.err" &
		pid=$!
		if [ "$1" = "$INSPECT" ]; then
			for _ in $(seq 1 600); do
				grep -q "live capture with" "$T/rate.err" && break
				sleep 0.1
			done
			sleep 1
		else
			# sysdig says nothing when it captures; it writes the file's header and process
			# table once the driver is open.
			for _ in $(seq 1 200); do
				[ -s "$T/rec.scap" ] && break
				sleep 0.1
			done
			sleep 3
		fi
		t0=$(date +%s.%N)
		pids=()
		for j in $(seq 1 "$n"); do
			"$T/gen" "$RATE_SECONDS" "$r" >"$T/gen.$j" &
			pids+=($!)
		done
		wait "${pids[@]}"
		t1=$(date +%s.%N)
		sleep 2
		kill -INT "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		calls=$(cat "$T"/gen.[0-9]* | awk '{s += $1} END {print s}')
		rm -f "$T"/gen.[0-9]*
		tids=" ${pids[*]} "
		if ! c=$(set -o pipefail
			"$INSPECT" -r "$T/rec.scap" -p "%thread.tid %evt.type %evt.dir" 2>"$T/read.err" |
				awk -v tids="$tids" '
					index(tids, " " $1 " ") && $2 == "getppid" { if ($3 == ">") en++; else ex++ }
					index(tids, " " $1 " ") && $2 == "execve" && $3 == "<" { exe++ }
					END { printf "%d %d %d %d\n", NR, en, ex, exe }'); then
			log "$name file rate, $step: reading the recording failed: $(tail -2 "$T/read.err")"
			BAD=1
			break
		fi
		rm -f "$T/rec.scap"
		read -r total en ex exe <<<"$c"
		fdrop=$((calls - ex))
		cps=$(awk -v c="$calls" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", c / (b - a)}')
		log "$name file rate, $n loader(s) at $([ "$r" = 0 ] && echo 'full speed' || echo "$r/s"): $calls getppid calls in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s, ${cps} calls/s; in the file ($total events): the loaders' $ex exit and $en enter events: delivered $ex, dropped $fdrop"
		[ "$exe" -ge "$n" ] || log "    (the loaders' execve exits are not all in the file: the recording may have started late)"
		if [ "$fdrop" -lt 0 ]; then
			log "$name file rate: FAIL more getppid exits ($ex) than calls ($calls)"
			BAD=1
		fi
		if [ "$1" = "$INSPECT" ]; then
			line=$(grep "driver events" "$T/rate.err")
			gen=$(echo "$line" | sed -nE 's/.*events: ([0-9]+) generated.*/\1/p')
			del=$(echo "$line" | sed -nE 's/.* ([0-9]+) delivered.*/\1/p')
			drop=$(echo "$line" | sed -nE 's/.* ([0-9]+) dropped.*/\1/p')
			if [ -z "$gen" ] || [ -z "$del" ] || [ -z "$drop" ]; then
				log "$name file rate, $step: no counters: $(tail -2 "$T/rate.err")"
				BAD=1
				break
			fi
			if [ "$total" = "$del" ] && [ "$fdrop" -le "$drop" ] && { [ "$drop" -gt 0 ] || [ "$fdrop" = 0 ]; }; then
				log "    counters: generated $gen, delivered $del, dropped $drop: agree with the file"
			else
				log "    counters: generated $gen, delivered $del, dropped $drop: FAIL do not agree with the file ($total events, $fdrop of the loaders' calls missing)"
				BAD=1
			fi
		fi
		[ "$fdrop" -gt 0 ] && break
		[ "$cps" -gt "$best" ] && best=$cps
	done
	if [ "$fdrop" = 0 ]; then
		log "$name: highest zero-drop rate measured by the file count: $best getppid calls/s (no drops at any load tried)"
	else
		log "$name: highest zero-drop rate measured by the file count: $best getppid calls/s (drops at the next load)"
	fi
}

log "bench: kernel $(uname -r), $(nproc) vCPUs (QEMU TCG), load: dd bs=1 count=$N, best of $ROUNDS"
if insmod "$KO"; then
	with_recorder kmod "$INSPECT" --kmod -w /dev/null
	[ -x "$T/gen" ] && rates kmod --kmod
	[ -x "$T/gen" ] && file_rates kmod "$INSPECT" --kmod
fi
rmmod falco_rs 2>/dev/null
with_recorder ebpf "$INSPECT" --engine modern_ebpf -w /dev/null
[ -x "$T/gen" ] && rates ebpf --engine modern_ebpf
SCAP=/lib/modules/$(uname -r)/updates/dkms/scap.ko
if [ -f "$SCAP" ] && command -v sysdig >/dev/null; then
	if insmod "$SCAP"; then
		with_recorder scap.ko sysdig -w /dev/null
		[ -x "$T/gen" ] && file_rates scap.ko sysdig
	fi
	rmmod scap 2>/dev/null
else
	log "scap.ko: not available ($SCAP)"
fi
if [ "$BAD" = 0 ]; then
	log "bench done"
	echo "bench done" >"$RES/summary"
else
	log "bench failed: a driver's counters are missing, do not add up or disagree with a recording"
	echo "bench failed" >"$RES/summary"
fi
sync
