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

# The queries: NAME<TAB>FORMAT<TAB>FORMAT FOR SYSDIG<TAB>FILTER FOR SYSDIG (the filter last:
# it may be empty, and read collapses empty fields between tabs). Filters are named
# f001... and formats p01... in the order of their files (comment lines skipped); an
# exception's sysdig filter (filters.txt) or sysdig format (formats.txt) is the text after
# "=> ".
awk -F'\t' '!/^#/ && NF { n++; f = $1; if (NF > 1) { f = $2; sub(/^=> /, "", f) }
    printf "f%03d\t%%evt.num\t%%evt.num\t%s\n", n, f }' "$here/filters.txt" > "$tmp/queries"
awk -F'\t' '!/^#/ && NF { n++; p = $1; if (NF > 2) { p = $3; sub(/^=> /, "", p) }
    printf "p%02d\t%s\t%s\t%s\n", n, $1, p, $2 }' "$here/formats.txt" >> "$tmp/queries"

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

# The classes of events left out of the comparison of a query (see Excluded in
# issue4_differential.rs), by what the query's text (format and sysdig filter) names. Keep
# in step with `classes_of` there.
classes_of() {  # text -> class names, one a line
    local t=$1 c
    case "$t" in *fd.*|*fdlist.*) echo fd ;; *evt.category*) echo generic ;; esac
    case "$t" in *proc.*|*thread.*|*user.*|*group.*) echo stub ;; esac
    case "$t" in *user.*|*group.*|*fd.is_server*|*fd.lip*|*fd.rip*|*fd.lport*|*fd.rport*|\
        *fd.lproto*|*fd.rproto*|*fd.lnet*|*fd.rnet*) echo ctr ;; esac
    case "$t" in *proc.pname*|*proc.pcmdline*|*proc.pexe*|*proc.nchilds*) echo thread ;; esac
    case "$t" in *proc.nthreads*|*proc.nchilds*) echo procexit ;; esac
    case "$t" in *proc.sname*) echo nosid ;; esac
    case "$t" in *group.gid*) echo gid64 ;; esac
    case "$t" in *evt.category*) echo iocat ;; esac
    case "$t" in *fd.typechar*) echo typechar ;; esac
    case "$t" in *evt.arg*|*evt.info*|*evt.abspath*) echo argpath ;; esac
    case "$t" in *proc.vpid*|*thread.vtid*) echo vxid ;; esac
}

# Exit events whose fd current libsinsp reads from the exit event itself
# (scap's get_exit_event_fd_location) where sysdig 0.29 had the enter event's or none.
exitfd="setsockopt getsockopt copy_file_range fchmodat unlinkat symlinkat mkdirat fchownat"
exitfd="$exitfd mknodat fchmod fchown io_uring_register io_uring_enter fsconfig finit_module"
exitfd="$exitfd sendmmsg recvmmsg newfstatat"
# Syscalls of the I/O categories (EC_IO_READ/WRITE/OTHER of the event table).
iosys="close close_range dup dup2 dup3 fcntl io_uring_enter io_uring_register io_uring_setup"
iosys="$iosys ioctl pread preadv pwrite pwritev read readv recv recvfrom recvmmsg recvmsg send"
iosys="$iosys sendfile sendmmsg sendmsg sendto splice write writev"

for f in single_ipv6_conn.scap test_ipv6_client.scap curl_google.scap \
         vm-triggers.scap.gz vm-containers.scap.gz vm-workload-2.scap.gz; do
    stem=${f%.gz}; stem=${stem%.scap}
    cap=$caps/$f
    if [[ $f == *.gz ]]; then  # sysdig reads gzip, but plain files are faster to reread
        zcat "$cap" > "$tmp/$stem.scap"
        cap=$tmp/$stem.scap
    fi
    mkdir -p "$tmp/$stem"
    # The events left out of some comparisons, "CLASS NUM" lines in <stem>.excluded.gz (the
    # classes and why are Excluded in issue4_differential.rs), found in sysdig's view of
    # every event. Fields are tab-separated: names and arguments may hold spaces.
    "$sysdig" -r "$cap" -p '%evt.num' 'evt.rawarg.ID exists' | sed 's/^/generic /' > "$tmp/$stem/generic"
    "$sysdig" -r "$cap" -p $'*%evt.num\t%evt.type\t%evt.dir\t%proc.pid\t%fd.num\t%evt.rawarg.res\t%proc.name\t%proc.ppid\t%container.id\t%thread.tid\t%thread.ismain\t%thread.vtid\t%proc.sid\t%group.gid\t%fd.type\t%evt.arg.tuple\t%fd.name\t%evt.args' |
        awk -F'\t' -v genfile="$tmp/$stem/generic" -v exitfd="$exitfd" -v iosys="$iosys" '
        BEGIN {
            while ((getline l < genfile) > 0) { split(l, g, " "); gen[g[2]] = 1 }
            n = split(exitfd, a, " "); for (i = 1; i <= n; i++) xfd[a[i]] = 1
            n = split(iosys, a, " "); for (i = 1; i <= n; i++) io[a[i]] = 1
        }
        {
            num = $1; type = $2; dir = $3; fdnum = $5; res = $6; tid = $10; k = $4 " " fdnum
            # stub: a thread libsinsp knows only by its stub entry (name <NA>, parent -1)
            if ($7 == "<NA>" && $8 == "-1") print "stub " num
            if ($9 != "host" && $9 != "<NA>") print "ctr " num
            if ($11 == "false") print "thread " num
            if (type == "procexit") print "procexit " num
            if ($13 == "-1") print "nosid " num
            if ($14 ~ /^[0-9]+$/ && $14 + 0 >= 4294967296) print "gid64 " num
            if (dir == "<" && (type in io)) print "iocat " num
            if (type == "open" && $15 == "<NA>") print "typechar " num
            if ($18 ~ /(\(|>)\/\//) print "argpath " num
            # vxid: after an execve of a thread with no vtid, current libsinsp has one
            if (type == "execve" && dir == "<" && res == "0" && $12 == "<NA>") vx[tid] = 1
            if ((tid in vx) && $12 == "<NA>") print "vxid " num
            fd = 0
            if ($17 ~ /^\/\//) fd = 1
            else if (type == "mmap" || type == "mmap2") fd = 1
            else if ((type == "poll" || type == "ppoll") && dir == ">") fd = 1
            else if (dir == "<" && (type in xfd) && !(num in gen)) fd = 1
            else if (type == "connect" && dir == ">") { fd = 1; pend[k] = 1 }
            else if (type == "connect" && dir == "<" && (k in pend)) {
                delete pend[k]
                # a failed connect; or one whose tuple is not the socket name sysdig keeps
                if (res ~ /^-[0-9]+$/ && res != -115) { bad[k] = 1; fd = 1 }
                else if (($15 == "ipv4" || $15 == "ipv6") && $16 ~ /->/ && $16 != $17) {
                    bad[k] = 1; fd = 1
                }
            }
            else if ((k in bad) && fdnum != "<NA>") {
                fd = 1; if (type == "close" && dir == "<") delete bad[k]
            }
            if (fd) print "fd " num
        }' > "$tmp/$stem/excluded"
    cat "$tmp/$stem/generic" >> "$tmp/$stem/excluded"
    for c in $(cut -d' ' -f1 "$tmp/$stem/excluded" | sort -u); do
        grep "^$c " "$tmp/$stem/excluded" | cut -d' ' -f2 > "$tmp/$stem/x.$c"
    done
    gzip -9n < "$tmp/$stem/excluded" > "$here/$stem.excluded.gz"
    while IFS=$'\t' read -r name fmt sfmt filter; do
        printf '%s\0%s\0%s\0%s\0%s\0' "$cap" "$stem" "$name" "$sfmt" "$filter"
    done < "$tmp/queries" | xargs -0 -n 5 -P "$jobs" bash -c 'run_one "$@"' _
    out=$here/$stem.expected.gz
    while IFS=$'\t' read -r name fmt sfmt filter; do
        o=$tmp/$stem/$name
        skip=()
        for c in $(classes_of "$fmt $filter"); do
            [ -f "$tmp/$stem/x.$c" ] && skip+=("$tmp/$stem/x.$c")
        done
        cat /dev/null "${skip[@]}" |
            awk 'FILENAME == "-" { skip[$1] = 1; next } !($1 in skip)' - "$o" > "$o.x"
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
