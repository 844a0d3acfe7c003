#!/usr/bin/env bash
# Capture files written by falco-inspect, read by a current falcosecurity/libs reader.
#
# For each capture (the shared captures, tests/data/demo.scap and any FILE given as an
# argument) this writes three copies with our writer:
#   copy      falco-inspect -r IN -w OUT
#   gzip      falco-inspect -r IN -w OUT -z
#   filtered  falco-inspect -r IN -w OUT "$FILTER"
# and reads original and copies with libsinsp's sinsp-example (-a: every thread):
#   * copy and gzip copy: sinsp-example's formatted output (evt.num, process name, pid,
#     ppid, exe, cmdline, fd names, arguments: what sinsp's state derives from the metadata
#     blocks and the events) and its raw output (every parameter's bytes) must be identical
#     to those of the original, line for line, with no [ERROR] line;
#   * filtered copy: its raw output must be identical to the raw output of the original read
#     with the same filter by libsinsp (-f). (Formatted output is not compared: the copy
#     lacks the filtered-out events that built the process and fd tables, as sysdig's own
#     filtered copies do.)
# One PASS/FAIL line per file and check; exit status 1 if any FAIL.
#
# Environment:
#   LIBS_SINSP_EXAMPLE  a built sinsp-example; else LIBS_SRC (a falcosecurity/libs source
#                       tree) is configured and built out of tree in a temporary directory
#                       (see README.md for the recipe and the Debian packages it needs)
#   FALCO_INSPECT       our falco-inspect (default: <repo>/target/debug/falco-inspect,
#                       built with cargo when missing)
#   FALCO_CAPTURES      the shared captures (default: <repo>/../shared/captures)
#   LIBS_READER_FILTER  the filter of the filtered copy (default below)
#   LIBS_READER_SKIP    space-separated file names to leave out (e.g. vm-workload-2.scap.gz)
#   KEEP=1              keep the work directory
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
filter=${LIBS_READER_FILTER:-"proc.name=bash or evt.type in (openat, connect, execve)"}

die() { echo "run.sh: $*" >&2; exit 2; }

work=$(mktemp -d /tmp/libs-reader.XXXXXX)
if [ "${KEEP:-0}" != 1 ]; then
	trap 'rm -rf "$work"' EXIT
else
	echo "work directory: $work"
fi

# --- the libs reader -------------------------------------------------------------------
sinsp=${LIBS_SINSP_EXAMPLE:-}
if [ -z "$sinsp" ]; then
	[ -n "${LIBS_SRC:-}" ] || die "set LIBS_SINSP_EXAMPLE to a built sinsp-example or LIBS_SRC to a falcosecurity/libs checkout"
	build="$work/libs-build"
	mkdir -p "$build"
	echo "building sinsp-example from $LIBS_SRC in $build (several minutes)"
	(cd "$build" && cmake "$LIBS_SRC" \
		-DUSE_BUNDLED_DEPS=OFF -DCREATE_TEST_TARGETS=OFF -DBUILD_DRIVER=OFF \
		-DENABLE_ENGINE_KMOD=OFF -DBUILD_LIBSCAP_MODERN_BPF=OFF \
		-DBUILD_SHARED_LIBS=OFF -DCMAKE_BUILD_TYPE=Release \
		-DFALCOSECURITY_LIBS_VERSION=0.0.0-local >"$build/cmake.log" 2>&1 &&
		make -j"${JOBS:-2}" sinsp-example >"$build/make.log" 2>&1) ||
		die "libs build failed; see $build/cmake.log and $build/make.log (KEEP=1 keeps them)"
	sinsp="$build/libsinsp/examples/sinsp-example"
fi
[ -x "$sinsp" ] || die "$sinsp is not an executable"

# --- our writer ------------------------------------------------------------------------
inspect=${FALCO_INSPECT:-$repo/target/debug/falco-inspect}
if [ ! -x "$inspect" ]; then
	(cd "$repo" && cargo build -q -p falco-cli --bin falco-inspect) || die "cannot build falco-inspect"
fi

# --- inputs ----------------------------------------------------------------------------
captures=${FALCO_CAPTURES:-$repo/../shared/captures}
inputs=()
if [ -d "$captures" ]; then
	for f in "$captures"/*.scap "$captures"/*.scap.gz; do
		[ -f "$f" ] && inputs+=("$f")
	done
else
	echo "note: no shared captures at $captures (set FALCO_CAPTURES)"
fi
inputs+=("$repo/tests/data/demo.scap")
inputs+=("$@")

# sinsp-example's event lines: everything but its "-- ..." banners and closing statistics.
# Its exit status is 0 even after read errors, which it prints as "[ERROR] ..." lines.
libs() { # OUT ARGS...
	local out=$1
	shift
	rm -f "$out.err"
	timeout 600 "$sinsp" -a "$@" >"$out.raw-stdout" 2>"$out.stderr"
	local rc=$?
	grep -v -e '^-- ' -e '^Retrieved events: ' -e '^Time spent: ' -e '^Events/ms: ' \
		"$out.raw-stdout" >"$out"
	sed -n 's/^Retrieved events: //p' "$out.raw-stdout" >"$out.count"
	rm -f "$out.raw-stdout"
	if [ $rc != 0 ]; then
		echo "sinsp-example exited with $rc" >>"$out.err"
	fi
	if grep -q '^\[ERROR\]' "$out" 2>/dev/null; then
		grep -m3 '^\[ERROR\]' "$out" >>"$out.err"
	fi
	[ ! -s "$out.err" ]
}

fails=0
report() { # STATUS NAME DETAIL
	echo "$1 $2: $3"
	[ "$1" = PASS ] || fails=$((fails + 1))
}

# Compare two outputs; print the first differing lines on failure.
# The event counts are sinsp-example's "Retrieved events" (what libsinsp's next() returned).
same() { # NAME WHAT A B
	local ca cb
	ca=$(cat "$3.count")
	cb=$(cat "$4.count")
	if cmp -s "$3" "$4" && [ "$ca" = "$cb" ]; then
		report PASS "$1" "$2: $ca events, identical output ($(wc -l <"$3") lines)"
	else
		report FAIL "$1" "$2: $ca vs $cb events, $(wc -l <"$3") vs $(wc -l <"$4") lines, first differences:"
		diff "$3" "$4" | head -8 | sed 's/^/    /'
	fi
}

for in in "${inputs[@]}"; do
	name=$(basename "$in")
	skip=0
	for s in ${LIBS_READER_SKIP:-}; do [ "$s" = "$name" ] && skip=1; done
	[ $skip = 1 ] && { echo "SKIP $name: in LIBS_READER_SKIP"; continue; }
	d="$work/$name.d"
	mkdir -p "$d"
	if ! "$inspect" -r "$in" -w "$d/copy.scap" 2>"$d/w1.err" ||
		! "$inspect" -r "$in" -w "$d/copy.scap.gz" -z 2>"$d/w2.err" ||
		! "$inspect" -r "$in" -w "$d/filtered.scap" "$filter" 2>"$d/w3.err"; then
		report FAIL "$name" "falco-inspect could not copy it: $(cat "$d"/w*.err | head -3)"
		continue
	fi
	ok=1
	for f in orig copy gz; do
		case $f in
		orig) src=$in ;;
		copy) src=$d/copy.scap ;;
		gz) src=$d/copy.scap.gz ;;
		esac
		libs "$d/$f.txt" -s "$src" && libs "$d/$f.rawtxt" -r -s "$src" || {
			report FAIL "$name" "libs cannot read the $f file: $(cat "$d/$f".*err | head -3)"
			ok=0
		}
	done
	[ $ok = 1 ] || continue
	same "$name" "copy, formatted" "$d/orig.txt" "$d/copy.txt"
	same "$name" "copy, raw" "$d/orig.rawtxt" "$d/copy.rawtxt"
	same "$name" "gzip copy, formatted" "$d/orig.txt" "$d/gz.txt"
	same "$name" "gzip copy, raw" "$d/orig.rawtxt" "$d/gz.rawtxt"
	if libs "$d/orig-filtered.rawtxt" -r -f "$filter" -s "$in" &&
		libs "$d/filtered.rawtxt" -r -s "$d/filtered.scap"; then
		same "$name" "filtered copy ($filter), raw" "$d/orig-filtered.rawtxt" "$d/filtered.rawtxt"
	else
		report FAIL "$name" "libs cannot read the filtered copy: $(cat "$d"/*filtered*.err | head -3)"
	fi
done

echo "libs reader: $sinsp"
if [ $fails = 0 ]; then
	echo "ALL PASS"
else
	echo "$fails FAIL"
	exit 1
fi
