#!/usr/bin/env bash
# Live eBPF benchmark: the cost the probe adds to a syscall, and the highest event rate
# the live capture sustains without drops. Needs root and kernel BTF.
#
#   bench/live_bpf.sh                 # everything, defaults below
#   N=10000000 bench/live_bpf.sh      # syscalls per cost measurement
#   RATES="200000 400000" bench/live_bpf.sh
#
# 1. Added cost per syscall: N getppid() calls and N/10 open+close pairs of /dev/null,
#    without capture and with `falco-inspect -w /dev/null` capturing every syscall
#    (getppid -> GENERIC_X written in place in the ring; openat -> enter + exit events
#    with the path, close -> CLOSE_X). Median of REPEAT runs, ns of the generator's CPU
#    time (user + system) per call: the probe runs in the syscall's context, and CPU time
#    leaves out the waits for a CPU that other load causes on a shared machine. The
#    consumer's throughput is reported as events per second of its own CPU time.
# 2. Zero-drop rate: a generator issues getppid() at a fixed rate for SECONDS seconds
#    while falco-inspect records; the driver's counters (printed by falco-inspect at
#    exit) give generated, delivered and dropped events. Rates go up until drops appear.
#
# Environment: FALCO_INSPECT (binary; default: built with cargo --release), N, REPEAT,
# RATES, SECONDS_PER_RATE, PRESET (buf_size_preset), CPUS_PER_BUFFER.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000000}
REPEAT=${REPEAT:-3}
SECONDS_PER_RATE=${SECONDS_PER_RATE:-5}
RATES=${RATES:-"100000 200000 400000 800000 1600000"}
PRESET=${PRESET:-4}
CPUS_PER_BUFFER=${CPUS_PER_BUFFER:-2}

if [ "$(id -u)" != 0 ]; then
    echo "live_bpf.sh: needs root" >&2
    exit 1
fi
if [ ! -e /sys/kernel/btf/vmlinux ]; then
    echo "live_bpf.sh: no kernel BTF" >&2
    exit 1
fi
mountpoint -q /sys/kernel/tracing || mount -t tracefs nodev /sys/kernel/tracing || true

if [ -z "${FALCO_INSPECT:-}" ]; then
    cargo build --release -q -p falco-cli --bin falco-inspect
    FALCO_INSPECT=target/release/falco-inspect
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The workload generator: `gen cost getppid N`, `gen cost openclose N`, `gen rate R S`.
cat >"$work/gen.c" <<'EOF'
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this process (user + system): the probe runs in the syscall's context. */
static double cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
	       ru.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "cost")) {
		long n = atol(argv[3]);
		int oc = !strcmp(argv[2], "openclose");
		double c0 = cpu();

		for (long i = 0; i < n; i++) {
			if (oc)
				close(open("/dev/null", O_RDONLY));
			else
				syscall(SYS_getppid);
		}
		printf("%.1f\n", (cpu() - c0) * 1e9 / n);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "rate")) {
		double rate = atof(argv[2]), secs = atof(argv[3]);
		long per_tick = rate / 1000; /* 1 ms ticks */
		double t0 = now(), next = t0;
		long done = 0;

		while (now() - t0 < secs) {
			for (long i = 0; i < per_tick; i++)
				syscall(SYS_getppid);
			done += per_tick;
			next += 0.001;
			while (now() < next)
				;
		}
		printf("%.0f\n", done / (now() - t0));
		return 0;
	}
	fprintf(stderr, "usage: gen cost getppid|openclose N | gen rate R SECONDS\n");
	return 2;
}
EOF
cc -O2 -o "$work/gen" "$work/gen.c"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Start a capture in the background and wait until the probe is attached.
start_capture() {
    "$FALCO_INSPECT" -w /dev/null --buf-size-preset "$PRESET" \
        --cpus-for-each-buffer "$CPUS_PER_BUFFER" 2>"$work/inspect.err" &
    inspect_pid=$!
    for _ in $(seq 100); do
        grep -q "live capture with" "$work/inspect.err" 2>/dev/null && return 0
        sleep 0.1
    done
    cat "$work/inspect.err" >&2
    return 1
}

# CPU seconds (user + system) a process has used so far.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

stop_capture() {
    inspect_cpu=$(cpu_seconds "$inspect_pid")
    kill -INT "$inspect_pid"
    wait "$inspect_pid" || true
}

echo "== Live eBPF: added cost per syscall (N=$N, median of $REPEAT)"
echo "kernel $(uname -r), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in getppid openclose; do
    n=$N
    [ "$kind" = openclose ] && n=$((N / 10))
    base=$(for _ in $(seq "$REPEAT"); do "$work/gen" cost "$kind" "$n"; done | median)
    start_capture
    with=$(for _ in $(seq "$REPEAT"); do "$work/gen" cost "$kind" "$n"; done | median)
    stop_capture
    summary=$(grep "driver events" "$work/inspect.err" | sed 's/^falco-inspect: //')
    del=$(echo "$summary" | sed -E 's/.* ([0-9]+) delivered.*/\1/')
    added=$(awk -v a="$with" -v b="$base" 'BEGIN {printf "%.1f", a - b}')
    rate=$(awk -v d="$del" -v c="$inspect_cpu" 'BEGIN {if (c > 0) printf "%.0f", d / c; else print "?"}')
    echo "$kind: ${base} ns/call without capture, ${with} ns/call with the probe: +${added} ns"
    echo "    ($summary; consumer: ${inspect_cpu} CPU-s, ${rate} events per CPU-second)"
done

echo
echo "== Live eBPF: highest zero-drop rate (getppid, $SECONDS_PER_RATE s per rate, preset $PRESET, $CPUS_PER_BUFFER CPUs per buffer)"
echo "(the probe captures every process: the system-wide rate includes the machine's other load)"
for rate in $RATES; do
    start_capture
    t0=$(date +%s.%N)
    got=$("$work/gen" rate "$rate" "$SECONDS_PER_RATE")
    sleep 0.5
    stop_capture
    t1=$(date +%s.%N)
    line=$(grep "driver events" "$work/inspect.err")
    gen=$(echo "$line" | sed -E 's/.*events: ([0-9]+) generated.*/\1/')
    del=$(echo "$line" | sed -E 's/.* ([0-9]+) delivered.*/\1/')
    drop=$(echo "$line" | sed -E 's/.* ([0-9]+) dropped.*/\1/')
    sys=$(awk -v g="$gen" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", g / (b - a)}')
    echo "generator ${rate}/s (achieved ${got}/s), system-wide ${sys} events/s:" \
        "generated $gen, delivered $del, dropped $drop"
    [ "$drop" -gt 0 ] && break
done
