#!/usr/bin/env bash
# The live test suite of the kernel module, run inside the VM by tests/vm/run
# (as root, chrooted into the host's root with a tmpfs overlay):
#
#   guest.sh REPO RESULTS_DIR
#
# Writes its report to RESULTS_DIR/log, the kernel log to RESULTS_DIR/dmesg and
# "N passed, N failed" to RESULTS_DIR/summary. Sections: the module loads; a workload
# recorded by falco-inspect (parameters, order, the eBPF probe's identical events); falco
# with engine.kind=kmod raising every live trigger's alert (the list the eBPF live test
# uses) and engine.kind=auto taking the module; one reader per device and rmmod refused
# while it reads; load/unload cycles under load; the reference scap.ko differential;
# falco-driver load/unload/status/cleanup (with the module tests/vm/run installed with
# DKMS into DKMS_TREE); a clean kernel log. ENGINE=modern_ebpf runs only the capture
# and falco checks with the eBPF probe (to check this script itself on a host whose
# kernel cannot load modules).
set -u
REPO=$1
RES=$2
ENGINE=${ENGINE:-kmod}
CYCLES=${VM_CYCLES:-100}
CYCLE_BUDGET=${VM_CYCLE_BUDGET:-420}
KO=${KO:-$REPO/driver/kmod/falco_rs.ko}
INSPECT=${INSPECT:-$REPO/target/debug/falco-inspect}
T=$(mktemp -d /tmp/guest.XXXXXX)
: >"$RES/log"
pass=0
fail=0

log() { echo "$*" | tee -a "$RES/log"; }
ok() { pass=$((pass + 1)); log "ok   $1"; }
ko() {
	fail=$((fail + 1))
	log "FAIL $1"
	shift
	for l in "$@"; do log "     $l"; done
}
finish() {
	if [ "$ENGINE" = kmod ]; then
		dmesg >"$RES/dmesg" 2>/dev/null
	fi
	log "$pass passed, $fail failed"
	echo "$pass passed, $fail failed" >"$RES/summary"
	sync
	exit 0
}

loaded() { [ -d /sys/module/falco_rs ]; }

# Start falco-inspect recording to $1 in the background; wait until the capture runs.
start_capture() {
	local out=$1
	shift
	"$INSPECT" --engine "$ENGINE" -w "$out" "$@" 2>"$T/inspect.err" &
	INSPECT_PID=$!
	local i
	for i in $(seq 1 600); do
		grep -q "live capture with" "$T/inspect.err" 2>/dev/null && return 0
		kill -0 "$INSPECT_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

stop_capture() {
	kill -INT "$INSPECT_PID" 2>/dev/null
	wait "$INSPECT_PID"
}

log "guest: kernel $(uname -r), $(nproc) CPUs, engine $ENGINE"

# ---- 1. the module loads and creates one device per CPU ----
if [ "$ENGINE" = kmod ]; then
	dmesg -C 2>/dev/null
	if insmod "$KO" 2>"$T/insmod.err" && loaded; then
		n=$(ls /dev/falco_rs* 2>/dev/null | wc -l)
		want=$(cat /sys/devices/system/cpu/possible | awk -F- '{print ($2 == "" ? 1 : $2 + 1)}')
		if [ "$n" = "$want" ]; then
			ok "insmod falco_rs.ko: $n devices for $want possible CPUs"
		else
			ko "insmod falco_rs.ko: $n devices, $want possible CPUs"
		fi
	else
		ko "insmod falco_rs.ko" "$(cat "$T/insmod.err")"
		finish
	fi
fi

# ---- 2. a deterministic workload is recorded with its syscalls and parameters ----
CAP=$T/workload.scap
# One unrecorded run first: the files it reads are then in the page cache, so that the
# user memory the drivers read without faulting is mapped the same way in every run.
python3 "$REPO/tests/vm/workload.py" "$T/wl.pid"
if start_capture "$CAP"; then
	python3 "$REPO/tests/vm/workload.py" "$T/wl.pid"
	sleep 0.5
	stop_capture
	rc=$?
	WPID=$(cat "$T/wl.pid")
	sed 's/^/     inspect: /' "$T/inspect.err" >>"$RES/log"
	if [ "$rc" = 0 ] && [ -s "$CAP" ]; then
		ok "falco-inspect --engine $ENGINE -w recorded $(stat -c %s "$CAP") bytes"
	else
		ko "falco-inspect --engine $ENGINE -w exited with $rc"
	fi
	FMT='%evt.type|%evt.dir|%evt.rawres|%fd.name'
	"$INSPECT" -r "$CAP" -p "$FMT" "proc.pid=$WPID and evt.type in (openat, read, write, close)" \
		>"$T/wl.txt" 2>"$T/wl.err"
	check() {
		local what=$1 pattern=$2
		if grep -qxE "$pattern" "$T/wl.txt"; then
			ok "$what"
		else
			ko "$what: no line matches '$pattern'" "$(grep -c . "$T/wl.txt") lines for pid $WPID" \
				"$(grep kmodtest "$T/wl.txt" | head -8 | tr '\n' ';')" "$(head -3 "$T/wl.err")"
		fi
	}
	check "openat exit: new fd, path" 'openat\|<\|[0-9]+\|/tmp/kmodtest.txt'
	check "write exit: 25 bytes on that fd" 'write\|<\|25\|/tmp/kmodtest.txt'
	check "read exit: 25 bytes back" 'read\|<\|25\|/tmp/kmodtest.txt'
	check "close exit: 0" 'close\|<\|0\|/tmp/kmodtest.txt'
	check "failed openat: ENOENT and the path" 'openat\|<\|-2\|/nonexistent/kmodtest'
	"$INSPECT" -r "$CAP" -p '%evt.type|%evt.dir|%evt.arg.name' \
		"proc.pid=$WPID and evt.type=openat and evt.dir=>" >"$T/enter.txt" 2>&1
	if [ "$(grep -c 'kmodtest' "$T/enter.txt")" = 4 ] &&
		grep -qx 'openat|>|/nonexistent/kmodtest' "$T/enter.txt"; then
		ok "openat enter events (TOCTOU) with the paths as passed"
	else
		ko "openat enter events" "$(grep kmodtest "$T/enter.txt" | tr '\n' ';')"
	fi
	# Order: the write follows the open of the same file and precedes the close.
	seq=$(grep -E '\|<\|.*/tmp/kmodtest.txt$' "$T/wl.txt" | cut -d'|' -f1 | tr '\n' ' ')
	if [ "$seq" = "openat write close openat read close openat close close close " ]; then
		ok "syscall order on the file: $seq"
	else
		ko "syscall order on the file" "got: $seq" "want: openat write close openat read close openat close close close"
	fi
	"$INSPECT" -r "$CAP" -p '%evt.type|%evt.rawres|%proc.name|%proc.args|%proc.exepath' \
		"evt.type=execve and evt.dir=< and proc.name=true" >"$T/exec.txt" 2>&1
	if grep -qxE 'execve\|0\|true\|kmod-arg\|/(usr/)?bin/true' "$T/exec.txt"; then
		ok "execve of /bin/true: res 0, args, exepath"
	else
		ko "execve of /bin/true" "$(head -3 "$T/exec.txt")"
	fi
	"$INSPECT" -r "$CAP" -p '%evt.type|%evt.rawres|%proc.pid' \
		"evt.type in (clone, fork, clone3, vfork) and evt.dir=< and proc.pid=$WPID" >"$T/clone.txt" 2>&1
	if grep -qE '^(clone|clone3|fork|vfork)\|[1-9][0-9]*\|' "$T/clone.txt"; then
		ok "fork of the workload: parent event with the child's tid"
	else
		ko "fork of the workload" "$(head -3 "$T/clone.txt")"
	fi
	"$INSPECT" -r "$CAP" -p '%evt.type|%proc.name' "evt.type=procexit and proc.name=true" \
		>"$T/exit.txt" 2>&1
	if grep -qx 'procexit|true' "$T/exit.txt"; then
		ok "procexit of the exec'd child"
	else
		ko "procexit of the exec'd child" "$(head -3 "$T/exit.txt")"
	fi
	# Nothing of the recorder itself (ignore_own_process).
	IPID=$INSPECT_PID
	n=$("$INSPECT" -r "$CAP" -p '%evt.num' "proc.pid=$IPID" 2>/dev/null | wc -l)
	if [ "$n" = 0 ]; then
		ok "no events of the recording process"
	else
		ko "events of the recording process: $n"
	fi
else
	ko "falco-inspect --engine $ENGINE did not start" "$(cat "$T/inspect.err")"
fi

# ---- 2c. falco with the driver and the default rules: every live trigger raises its alert ----
# The triggers and expected alerts are those of the eBPF live test on the host
# (falco-cli/tests/live_triggers.json, read by falco-cli/tests/falco_live.rs too).
FALCO=${FALCO:-$REPO/target/debug/falco}
case "$ENGINE" in
kmod) DRV="Kernel module" ;;
*) DRV="modern BPF probe." ;;
esac
# Run in the background only (`falco_run ... &`): the subshell becomes falco, so that
# $! is falco's pid and SIGINT reaches it.
falco_run() { # engine.kind alerts-file log-file [more options]
	local kind=$1 out=$2 flog=$3
	shift 3
	exec "$FALCO" -c "$REPO/falco-cli/config/falco.yaml" -r "$REPO/falco-cli/rules/falco_rules.yaml" -U \
		-o engine.kind="$kind" -o json_output=true \
		-o file_output.enabled=true -o file_output.filename="$out" \
		-o stdout_output.enabled=false -o syslog_output.enabled=false \
		-o log_stderr=true -o log_syslog=false -o webserver.enabled=false "$@" \
		>"$flog.out" 2>"$flog"
}
# Wait (at most $2 s) for "Opening 'syscall' source with ..." in log $1 while pid $3 runs.
wait_open() {
	local i
	for i in $(seq 1 $(($2 * 5))); do
		grep -q "Opening 'syscall' source with" "$1" 2>/dev/null && return 0
		kill -0 "$3" 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}
falco_run "$ENGINE" "$T/alerts.json" "$T/falco.log" &
FPID=$!
if wait_open "$T/falco.log" 300 "$FPID" &&
	grep -qF "Opening 'syscall' source with $DRV" "$T/falco.log"; then
	ok "falco -o engine.kind=$ENGINE: $(grep -o "Opening 'syscall' source with.*" "$T/falco.log")"
	python3 "$REPO/tests/vm/triggers.py" "$REPO/falco-cli/tests/live_triggers.json" \
		"$T/alerts.json" 30 180 >"$T/triggers.out" 2>&1
	trc=$?
	while IFS= read -r line; do
		case "$line" in
		"ok   "*) ok "falco $ENGINE: ${line#ok   }" ;;
		"FAIL "*) ko "falco $ENGINE: ${line#FAIL }" ;;
		*) log "$line" ;;
		esac
	done <"$T/triggers.out"
	# Every trigger reported, and the runner's status agrees (it did not stop half-way).
	want=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["triggers"]))' \
		"$REPO/falco-cli/tests/live_triggers.json")
	got=$(grep -cE '^(ok   |FAIL )' "$T/triggers.out")
	nfail=$(grep -c '^FAIL ' "$T/triggers.out")
	if [ "$got" != "$want" ] || [ "$trc" != "$nfail" ]; then
		ko "triggers.py reported $got of $want triggers, exit $trc" "$(tail -3 "$T/triggers.out")"
	fi
	kill -INT "$FPID" 2>/dev/null
	wait "$FPID"
	rc=$?
	if [ "$rc" = 0 ] && grep -q "SIGINT received, exiting" "$T/falco.log"; then
		ok "falco stopped on SIGINT: $(grep -c . "$T/alerts.json") alerts written, $(grep -o 'event drop detected: [0-9]* occurrences' "$T/falco.log" | head -1)"
	else
		ko "falco exited with $rc after SIGINT" "$(tail -5 "$T/falco.log")"
	fi
else
	kill -INT "$FPID" 2>/dev/null
	wait "$FPID"
	ko "falco -o engine.kind=$ENGINE did not open the $DRV" "$(tail -5 "$T/falco.log")"
fi
if [ "$ENGINE" = kmod ]; then
	# engine.kind=auto takes the module when it is loaded.
	falco_run auto "$T/auto.json" "$T/auto.log" -M 5 &
	wait $!
	rc=$?
	if [ "$rc" = 0 ] && grep -qF "Opening 'syscall' source with Kernel module" "$T/auto.log"; then
		ok "falco -o engine.kind=auto with the module loaded: Kernel module"
	else
		ko "falco -o engine.kind=auto (exit $rc) did not take the module" \
			"$(grep -e "Opening" -e Error "$T/auto.log" | head -3)"
	fi
fi

[ "$ENGINE" = kmod ] || finish

# ---- 2b. the same workload through the eBPF probe: the same events, parameter for parameter ----
# Both drivers' recordings of the workload's own process, printed with every parameter;
# what differs between two runs of any process is left out: pids and tids, memory
# addresses and sizes, times (clone and execve events are compared on their other
# parameters), inode numbers (the
# file is created anew), ephemeral ports, the pid the workload writes.
rm -f /tmp/kmodtest.txt
dump() { # capture pidfile
	local p
	p=$(cat "$2")
	"$INSPECT" -r "$1" -p '%evt.type %evt.dir %evt.args' "proc.pid=$p" 2>&1 |
		grep -vE '^(clone|clone3|fork|vfork|execve|procexit) ' |
		sed -E "s/data=$p /data=PID /; s/ ino=[0-9]+/ ino=INO/g; s/127\.0\.0\.1:[0-9]+->/127.0.0.1:EPHEMERAL->/g"
	# Process events of the workload and its child: their stable parameters.
	"$INSPECT" -r "$1" -p '*%evt.type %evt.dir %evt.arg.exe %evt.arg.args %evt.arg.comm %evt.arg.cgroups %evt.arg.flags %evt.arg.uid %evt.arg.gid %evt.arg.env %evt.arg.trusted_exepath %evt.arg.cap_effective %evt.arg.tty %evt.arg.loginuid %evt.arg.filename %evt.arg.status' \
		"(proc.pid=$p or proc.ppid=$p) and evt.type in (clone, clone3, fork, vfork, execve, procexit)" 2>&1 |
		# The suite runs chrooted in /merged: the module's trusted_exepath is the path
		# inside the chroot (d_path), the probe's the path from the mount tree's root (a
		# known difference, see driver/kmod/README.md).
		sed -E 's| /merged/| /|g'
}
dump "$CAP" "$T/wl.pid" >"$T/kmod.txt"
cp "$T/wl.pid" "$T/wl.pid.kmod"
rm -f /tmp/kmodtest.txt
CAP2=$T/workload-ebpf.scap
if ENGINE=modern_ebpf start_capture "$CAP2"; then
	# The same pid file: its path is in the events.
	python3 "$REPO/tests/vm/workload.py" "$T/wl.pid"
	sleep 0.5
	stop_capture
	dump "$CAP2" "$T/wl.pid" >"$T/ebpf.txt"
	if diff -q "$T/kmod.txt" "$T/ebpf.txt" >/dev/null; then
		ok "kmod and eBPF write the same $(wc -l <"$T/kmod.txt") events for the workload"
	else
		cp "$T/kmod.txt" "$RES/diff-kmod.txt"
		cp "$T/ebpf.txt" "$RES/diff-ebpf.txt"
		ko "kmod and eBPF differ on the workload ($(wc -l <"$T/kmod.txt") vs $(wc -l <"$T/ebpf.txt") events)" \
			"$(diff "$T/kmod.txt" "$T/ebpf.txt" | grep '^[<>]' | head -12)"
	fi
else
	log "skip kmod/eBPF differential: the eBPF probe does not start here: $(tail -1 "$T/inspect.err")"
fi

# ---- 3. a device is exclusive, unload is refused while it is open ----
exec 3</dev/falco_rs0
if "$INSPECT" --kmod -w /dev/null -M 1 2>"$T/busy.err"; then
	ko "a second reader was not refused"
else
	if grep -q "already open by another reader" "$T/busy.err"; then
		ok "second reader refused: $(grep -o 'already open.*' "$T/busy.err" | head -1)"
	else
		ko "second reader refused without the clear message" "$(cat "$T/busy.err")"
	fi
fi
if rmmod falco_rs 2>/dev/null; then
	ko "rmmod succeeded while a device was open"
	insmod "$KO"
else
	ok "rmmod refused while a device is open"
fi
exec 3<&-

# ---- 4. load/unload cycles under a syscall-heavy load, a reader attaching ----
( while :; do cat /etc/hostname /etc/passwd >/dev/null; done ) &
LOAD_PID=$!
rmmod falco_rs
mem0=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
cyc_ok=0
cyc_fail=0
start=$(date +%s)
for i in $(seq 1 "$CYCLES"); do
	# A time budget keeps the run inside the VM's timeout on a loaded host.
	if [ $(($(date +%s) - start)) -ge "$CYCLE_BUDGET" ]; then
		break
	fi
	insmod "$KO" || { ko "cycle $i: insmod failed"; cyc_fail=1; break; }
	if [ $((i % 2)) = 1 ]; then
		# Odd cycles: a reader attaches, captures the load, and detaches.
		"$INSPECT" --kmod -w "$T/cycle.scap" -M 0.3 2>"$T/cycle.err" ||
			{ ko "cycle $i: reader failed" "$(tail -2 "$T/cycle.err")"; cyc_fail=1; break; }
	else
		# Even cycles: unload while a reader is attached must be refused.
		"$INSPECT" --kmod -w /dev/null -M 2 2>/dev/null &
		r=$!
		sleep 0.5
		if rmmod falco_rs 2>/dev/null; then
			ko "cycle $i: rmmod succeeded with a reader attached"
			cyc_fail=1
			wait $r
			break
		fi
		wait $r
	fi
	rmmod falco_rs || { ko "cycle $i: rmmod failed"; cyc_fail=1; break; }
	cyc_ok=$i
done
kill $LOAD_PID 2>/dev/null
wait $LOAD_PID 2>/dev/null
mem1=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
if [ "$cyc_fail" = 0 ] && [ "$cyc_ok" = "$CYCLES" ]; then
	ok "$CYCLES load/unload cycles under load in $(($(date +%s) - start)) s (reader on odd cycles, rmmod refused on even)"
elif [ "$cyc_fail" = 0 ] && [ "$cyc_ok" -ge 20 ]; then
	ok "$cyc_ok load/unload cycles under load (of $CYCLES: the ${CYCLE_BUDGET} s budget ran out; reader on odd cycles, rmmod refused on even)"
else
	ko "load/unload cycles: $cyc_ok of $CYCLES done"
fi
# Each load allocates 8 MiB per CPU: a leak of the rings would show as MemAvailable
# falling by at least that much per cycle.
drop=$(( (mem0 - mem1) / 1024 ))
if [ "$drop" -lt 32 ]; then
	ok "no memory leak over the cycles (MemAvailable changed by $((-drop)) MiB)"
else
	ko "MemAvailable fell by $drop MiB over the cycles"
fi
if grep -q falco_rs /proc/vmallocinfo 2>/dev/null; then
	ko "vmalloc areas of falco_rs remain after unload" "$(grep -c falco_rs /proc/vmallocinfo)"
else
	ok "no vmalloc area of falco_rs left after unload"
fi
if loaded; then
	ko "module still loaded"
fi

# ---- 6. differential against the reference module scap.ko (sysdig), same workload ----
SCAP=/lib/modules/$(uname -r)/updates/dkms/scap.ko
if [ -f "$SCAP" ] && command -v sysdig >/dev/null 2>&1 && insmod "$SCAP" 2>"$T/scap.err"; then
	rm -f /tmp/kmodtest.txt
	sysdig -w "$T/ref.scap" 2>"$T/sysdig.err" &
	SPID=$!
	for i in $(seq 1 300); do
		[ -s "$T/ref.scap" ] && break
		sleep 0.1
	done
	sleep 2
	python3 "$REPO/tests/vm/workload.py" "$T/wl.pid"
	sleep 1
	kill -INT "$SPID"
	wait "$SPID"
	rmmod scap
	# Key parameters of the workload's own exit events, both read through our reader
	# (which upgrades scap.ko's older enter/exit layouts): type, return value, fd name
	# (path or socket tuple), for the file, socket and process calls. This scap.ko
	# (falcosecurity-scap-dkms 0.1.1, 2022) is older than the event table we follow:
	# it writes dup2/dup3 as dup and pipe2 as pipe (current drivers have DUP2, DUP3 and
	# PIPE2 events), so those names are folded on both sides.
	keys() {
		local p
		p=$(cat "$2")
		"$INSPECT" -r "$1" -p '%evt.type %evt.rawres %fd.name' \
			"proc.pid=$p and evt.dir=< and evt.type in (openat, read, write, close, dup, dup2, mkdir, symlink, rename, chmod, unlink, rmdir, pipe, pipe2, socket, bind, sendto, connect)" 2>&1 |
			sed -E "s/127\.0\.0\.1:[0-9]+->/127.0.0.1:EPHEMERAL->/g; s/^dup[23] /dup /; s/^pipe2 /pipe /" |
			grep -v '/wl\.pid$' # the pid written first: its length varies between runs
	}
	keys "$CAP" "$T/wl.pid.kmod" >"$T/keys-kmod.txt"
	keys "$T/ref.scap" "$T/wl.pid" >"$T/keys-scap.txt"
	"$INSPECT" -r "$T/ref.scap" -p '%proc.args' "evt.type=execve and evt.dir=< and proc.name=true" \
		>"$T/scap-exec.txt" 2>&1
	if diff -q "$T/keys-kmod.txt" "$T/keys-scap.txt" >/dev/null && [ -s "$T/keys-kmod.txt" ] &&
		grep -qx 'kmod-arg' "$T/scap-exec.txt"; then
		ok "scap.ko (sysdig) and our module agree on the workload's $(wc -l <"$T/keys-kmod.txt") file/socket events and the execve argv"
	else
		cp "$T/keys-kmod.txt" "$RES/scapdiff-kmod.txt"
		cp "$T/keys-scap.txt" "$RES/scapdiff-scap.txt"
		ko "scap.ko and our module differ on the workload" \
			"$(diff "$T/keys-kmod.txt" "$T/keys-scap.txt" | grep '^[<>]' | head -10)" \
			"scap execve args: $(head -2 "$T/scap-exec.txt")"
	fi
else
	log "skip scap.ko differential: $SCAP or sysdig missing, or insmod failed: $(cat "$T/scap.err" 2>/dev/null)"
fi

# ---- 7. falco-driver: load/unload, and the whole DKMS install for the running kernel ----
FD=$REPO/packaging/falco-driver
# fd_check NAME WANT-RC PATTERN COMMAND...: the command exits WANT-RC and prints PATTERN.
fd_check() {
	local what=$1 want=$2 pattern=$3 rc
	shift 3
	"$@" >"$T/fd.out" 2>&1
	rc=$?
	if [ "$rc" = "$want" ] && grep -qE "$pattern" "$T/fd.out"; then
		ok "$what: $(grep -E "$pattern" "$T/fd.out" | head -1)"
	else
		ko "$what: exit $rc (want $want), no '$pattern'" "$(tail -4 "$T/fd.out")"
	fi
}
loaded && rmmod falco_rs
fd_check "falco-driver load --module" 0 "falco_rs loaded: [1-9][0-9]* devices" "$FD" load --module "$KO"
fd_check "falco-driver load when loaded" 1 "already loaded" "$FD" load --module "$KO"
"$INSPECT" --kmod -w /dev/null -M 5 2>/dev/null &
r=$!
sleep 2
fd_check "falco-driver unload with a reader" 1 "in use" "$FD" unload
wait $r
fd_check "falco-driver unload" 0 "falco_rs unloaded" "$FD" unload
loaded && ko "falco_rs still loaded after falco-driver unload"
# The module DKMS built on the host against this kernel's headers (tests/vm/run ran
# `falco-driver install --kernelrelease <this kernel> --dkms-tree DIR`: a DKMS build
# under emulation takes longer than the whole suite): registered, loaded from there,
# reported, unloaded, removed.
if [ -n "${DKMS_TREE:-}" ]; then
	DT=(--dkms-tree "$DKMS_TREE")
	fd_check "falco-driver status of the DKMS install" 0 "falco_rs/[^,]*, $(uname -r), [^:]*: installed" \
		"$FD" status "${DT[@]}"
	fd_check "falco-driver load (the DKMS-built module)" 0 "falco_rs loaded: [1-9]" "$FD" load "${DT[@]}"
	fd_check "falco-driver status when loaded" 0 "loaded: yes" "$FD" status "${DT[@]}"
	if start_capture "$T/dkms.scap" -M 3; then
		for _ in 1 2 3; do cat /etc/hostname >/dev/null; done
		wait "$INSPECT_PID"
		if [ "$("$INSPECT" -r "$T/dkms.scap" -p '%evt.num' 2>/dev/null | wc -l)" -gt 0 ]; then
			ok "the DKMS-built module captures events"
		else
			ko "the DKMS-built module: no events recorded" "$(tail -2 "$T/inspect.err")"
		fi
	else
		ko "falco-inspect --kmod on the DKMS-built module" "$(tail -2 "$T/inspect.err")"
	fi
	fd_check "falco-driver cleanup" 0 "removed falco_rs .* from DKMS" "$FD" cleanup "${DT[@]}"
	if loaded || [ -n "$(find "$DKMS_TREE/modules" -name 'falco_rs.ko*' 2>/dev/null)" ]; then
		ko "falco_rs loaded or installed after cleanup"
	else
		ok "falco-driver cleanup: unloaded, not installed any more"
	fi
else
	log "skip falco-driver with DKMS: no DKMS tree from the host (dkms not installed there)"
fi

# ---- 5. the kernel log ----
# (An unsigned module taints the kernel once: "module verification failed", not an error.)
if dmesg | grep -v 'module verification failed' |
	grep -E 'BUG:|WARNING:|Oops|general protection|RIP:|Call Trace|kmemleak|falco_rs.*(error|fail)' \
		>"$T/bad.txt"; then
	ko "kernel log has errors" "$(head -5 "$T/bad.txt")"
else
	ok "kernel log clean ($(dmesg | grep -c 'falco_rs: loaded') loads, $(dmesg | grep -c 'falco_rs: unloaded') unloads)"
fi
finish
