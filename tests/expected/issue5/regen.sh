#!/usr/bin/env bash
# Regenerates tests/expected/issue5/ (see README.md here): for every upstream Falco rule, the
# events sysdig 0.29 (the oracle) matches with the rule's flat condition, per shared capture.
# Read by falco-cli/tests/upstream_rules_differential.rs.
#
#   tests/expected/issue5/regen.sh
#   FALCO_CAPTURES=/path/to/captures SYSDIG=/usr/bin/sysdig FALCO=target/debug/falco \
#       tests/expected/issue5/regen.sh
#
# The flat conditions come from `falco -L -o json_output=true` (details.condition_compiled),
# so build falco first: cargo build -p falco-cli --bin falco
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
caps=${FALCO_CAPTURES:-$root/../shared/captures}
rules=${FALCO_UPSTREAM_RULES:-$root/../shared/rules/upstream}
sysdig=${SYSDIG:-sysdig}
falco=${FALCO:-$root/target/debug/falco}

[ -d "$caps" ] || { echo "regen.sh: no captures at $caps (set FALCO_CAPTURES)" >&2; exit 1; }
[ -d "$rules" ] || { echo "regen.sh: no rules at $rules (set FALCO_UPSTREAM_RULES)" >&2; exit 1; }
[ -x "$falco" ] || { echo "regen.sh: no falco at $falco (cargo build -p falco-cli --bin falco)" >&2; exit 1; }
version=$("$sysdig" --version)
case "$version" in
    "sysdig version 0.29."*) ;;
    *) echo "regen.sh: want sysdig 0.29.x, found: $version" >&2; exit 1 ;;
esac

"$falco" -c "$root/falco-cli/config/falco.yaml" -L -o json_output=true \
    -r "$rules/falco_rules.yaml" -r "$rules/falco-incubating_rules.yaml" \
    -r "$rules/falco-sandbox_rules.yaml" 2>/dev/null |
    python3 "$here/gen.py" "$sysdig" "$caps" "$here" \
        "$rules/falco_rules.yaml,$rules/falco-incubating_rules.yaml,$rules/falco-sandbox_rules.yaml" \
        curl_google=curl_google.scap single_ipv6_conn=single_ipv6_conn.scap \
        test_ipv6_client=test_ipv6_client.scap vm-triggers=vm-triggers.scap.gz \
        vm-containers=vm-containers.scap.gz vm-workload-2=vm-workload-2.scap.gz
