#!/usr/bin/env bash
# Regenerates the expected outputs under tests/expected/issue3/ with sysdig 0.29 (the oracle).
# See tests/expected/README.md for what each file is and how the tests use it.
#
#   tests/expected/regen.sh                 # captures from ../shared/captures
#   FALCO_CAPTURES=/path/to/captures SYSDIG=/usr/bin/sysdig tests/expected/regen.sh
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
caps=${FALCO_CAPTURES:-$root/../shared/captures}
sysdig=${SYSDIG:-sysdig}
out=$here/issue3
fmt='%evt.num %evt.rawtime %evt.cpu %thread.tid %evt.dir %evt.type'

[ -d "$caps" ] || { echo "regen.sh: no captures at $caps (set FALCO_CAPTURES)" >&2; exit 1; }
version=$("$sysdig" --version)
case "$version" in
    "sysdig version 0.29."*) ;;
    *) echo "regen.sh: want sysdig 0.29.x, found: $version" >&2; exit 1 ;;
esac
mkdir -p "$out"

# Full outputs, gzip-compressed (-n: no name or time stamp in the header, so reruns are
# byte-identical).
for f in curl_google.scap single_ipv6_conn.scap test_ipv6_client.scap \
         vm-triggers.scap.gz vm-containers.scap.gz; do
    stem=${f%.gz}; stem=${stem%.scap}
    "$sysdig" -r "$caps/$f" -p "$fmt" | gzip -9n > "$out/$stem.evt.txt.gz"
    echo "$out/$stem.evt.txt.gz: $(gzip -dc "$out/$stem.evt.txt.gz" | wc -l) lines"
done

# vm-workload-2: its full output is too big to commit; write a digest instead (format v1,
# parsed by falco_tests::OutputDigest).
f=vm-workload-2.scap.gz
stem=vm-workload-2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# The digest is of sysdig's output with the corrections of
# falco_tests::sysdig_029_as_current applied (ppm_sc 298 is rt_sigreturn in current libs).
"$sysdig" -r "$caps/$f" -p "$fmt" | sed -E 's/ sigreturn$/ rt_sigreturn/' > "$tmp"
{
    echo "# falco-tests output digest v1"
    echo "# capture: $f"
    echo "# format: $fmt"
    echo "# producer: $version (Debian), tests/expected/regen.sh"
    echo "# corrected: sigreturn -> rt_sigreturn (see falco_tests::sysdig_029_as_current)"
    echo "lines $(wc -l < "$tmp")"
    echo "sha256 $(sha256sum < "$tmp" | cut -d' ' -f1)"
    awk '{ n[$NF]++ } END { for (t in n) print "type " t " " n[t] }' "$tmp" | sort
    awk '(NR - 1) % 997 == 0 { print "sample " NR " " $0 }' "$tmp"
} > "$out/$stem.evt.digest"
echo "$out/$stem.evt.digest: $(wc -l < "$tmp") lines digested"
