#!/usr/bin/env bash
# Regenerates the expected outputs of the issue-4 differential suite with sysdig 0.29 (the
# oracle): every filter of filters.txt (printed with -p "%evt.num") and every format of
# formats.txt (with its filter), on every shared capture. Read by
# falco-cli/tests/issue4_differential.rs; see README.md here for the file format.
#
#   tests/expected/issue4/regen.sh        # captures from ../shared/captures
#   FALCO_CAPTURES=DIR SYSDIG=PATH JOBS=N tests/expected/issue4/regen.sh
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
caps=${FALCO_CAPTURES:-$root/../shared/captures}
sysdig=${SYSDIG:-sysdig}
jobs=${JOBS:-2}
# Outputs up to this many lines are stored whole; longer ones (and every output of
# vm-workload-2) as "lines N sha256 HEX" only.
max_lines=400

[ -d "$caps" ] || { echo "regen.sh: no captures at $caps (set FALCO_CAPTURES)" >&2; exit 1; }
version=$("$sysdig" --version)
case "$version" in
    "sysdig version 0.29."*) ;;
    *) echo "regen.sh: want sysdig 0.29.x, found: $version" >&2; exit 1 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The queries: NAME<TAB>FORMAT<TAB>FILTER FOR SYSDIG. Filters are named f001... and formats
# p01... in the order of their files (comment lines skipped); an exception's sysdig filter
# is the text after "=> ".
awk -F'\t' '!/^#/ && NF { n++; f = $1; if (NF > 1) { f = $2; sub(/^=> /, "", f) }
    printf "f%03d\t%%evt.num\t%s\n", n, f }' "$here/filters.txt" > "$tmp/queries"
awk -F'\t' '!/^#/ && NF { n++; printf "p%02d\t%s\t%s\n", n, $1, $2 }' \
    "$here/formats.txt" >> "$tmp/queries"

# sysdig 0.29 -> current libsinsp, the correction of falco_tests::sysdig_029_as_current
# applied to every word: syscall id 298 is rt_sigreturn (libs commit 09a74c1, 2022-10).
correct() { sed -E 's/(^| )sigreturn( |$)/\1rt_sigreturn\2/g'; }

run_one() {  # capture-file stem name format filter -> $tmp/stem/name
    local cap=$1 stem=$2 name=$3 fmt=$4 filter=$5
    if [ -n "$filter" ]; then
        "$sysdig" -r "$cap" -p "$fmt" "$filter"
    else
        "$sysdig" -r "$cap" -p "$fmt"
    fi | correct > "$tmp/$stem/$name"
}
export -f run_one correct
export sysdig tmp

for f in single_ipv6_conn.scap test_ipv6_client.scap curl_google.scap \
         vm-triggers.scap.gz vm-containers.scap.gz vm-workload-2.scap.gz; do
    stem=${f%.gz}; stem=${stem%.scap}
    cap=$caps/$f
    if [[ $f == *.gz ]]; then  # sysdig reads gzip, but plain files are faster to reread
        zcat "$cap" > "$tmp/$stem.scap"
        cap=$tmp/$stem.scap
    fi
    mkdir -p "$tmp/$stem"
    # The events left out of some comparisons (see Excluded in issue4_differential.rs),
    # written to <stem>.excluded.gz as "fd NUM" and "generic NUM" lines: for queries on fd
    # fields, mmap/mmap2 events, connect enter events, and the events on a socket after a
    # failed connect until it is closed; for queries on evt.category, generic syscall
    # events (those with an ID parameter); for queries on proc/thread/user/group
    # fields, events of threads known only by the stub entry libsinsp makes for a thread
    # it has no information about (name <NA>, parent -1); for queries on user/group fields,
    # events of threads in containers ("userctr"); and for queries on fd fields, events
    # whose fd name sysdig 0.29 starts with // (a path relative to the directory fd of /),
    # and poll/ppoll enter events (sysdig 0.29 reads fdlist.* from them too).
    "$sysdig" -r "$cap" -p '*%evt.num %evt.type %evt.dir %proc.pid %fd.num %evt.rawarg.res %proc.name %proc.ppid %container.id %fd.name' |
        awk '
        { k = $4 " " $5 }
        $7 == "<NA>" && $8 == "-1" { print "stub " $1 }
        $9 != "host" && $9 != "<NA>" { print "userctr " $1 }
        $10 ~ /^\/\// { print "fd " $1; next }
        $2 == "mmap" || $2 == "mmap2" { print "fd " $1; next }
        ($2 == "poll" || $2 == "ppoll") && $3 == ">" { print "fd " $1; next }
        $2 == "connect" && $3 == ">" { print "fd " $1; pend[k] = 1; next }
        $2 == "connect" && $3 == "<" && (k in pend) {
            delete pend[k]
            if ($6 ~ /^-[0-9]+$/ && $6 != -115) { bad[k] = 1; print "fd " $1; next }
        }
        (k in bad) && $5 != "<NA>" { print "fd " $1; if ($2 == "close" && $3 == "<") delete bad[k]; next }
        ' > "$tmp/$stem/excluded"
    "$sysdig" -r "$cap" -p '%evt.num' 'evt.rawarg.ID exists' | sed 's/^/generic /' >> "$tmp/$stem/excluded"
    grep '^fd ' "$tmp/$stem/excluded" | cut -d' ' -f2 > "$tmp/$stem/x.fd" || true
    grep '^generic ' "$tmp/$stem/excluded" | cut -d' ' -f2 > "$tmp/$stem/x.generic" || true
    grep '^stub ' "$tmp/$stem/excluded" | cut -d' ' -f2 > "$tmp/$stem/x.stub" || true
    grep '^userctr ' "$tmp/$stem/excluded" | cut -d' ' -f2 > "$tmp/$stem/x.userctr" || true
    gzip -9n < "$tmp/$stem/excluded" > "$here/$stem.excluded.gz"
    while IFS=$'\t' read -r name fmt filter; do
        printf '%s\0%s\0%s\0%s\0%s\0' "$cap" "$stem" "$name" "$fmt" "$filter"
    done < "$tmp/queries" | xargs -0 -n 5 -P "$jobs" bash -c 'run_one "$@"' _
    out=$here/$stem.expected.gz
    while IFS=$'\t' read -r name fmt filter; do
        o=$tmp/$stem/$name
        x=""
        x=/dev/null
        case "$fmt $filter" in *fd.*|*fdlist.*) x=$tmp/$stem/x.fd ;; *evt.category*) x=$tmp/$stem/x.generic ;; esac
        y=/dev/null
        case "$fmt $filter" in *proc.*|*thread.*|*user.*|*group.*) y=$tmp/$stem/x.stub ;; esac
        z=/dev/null
        case "$fmt $filter" in *user.*|*group.*) z=$tmp/$stem/x.userctr ;; esac
        cat "$x" "$y" "$z" | awk 'FILENAME == "-" { skip[$1] = 1; next } !($1 in skip)' - "$o" > "$o.x"
        mv "$o.x" "$o"
        lines=$(wc -l < "$o")
        printf '== %s lines %d sha256 %s\n' "$name" "$lines" "$(sha256sum < "$o" | cut -d' ' -f1)"
        if [[ $stem != vm-workload-2 && $lines -le $max_lines ]]; then
            cat "$o"
        fi
    done < "$tmp/queries" | gzip -9n > "$out"
    rm -f "$tmp/$stem.scap"
    echo "$out: $(wc -l < "$tmp/queries") queries"
done
