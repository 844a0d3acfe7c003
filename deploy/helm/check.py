#!/usr/bin/env python3
"""Lints and renders the falco chart with Helm's own code, and checks what it renders.

Helm comes from the `helm-python-sdk` wheel (PyPI), which embeds Helm v4's Go SDK as a
shared library: `helm lint --strict` and `helm template` without a helm binary.
Without that package (and `pip install helm-python-sdk` failing) the script says so and
exits 77 (skipped).

For each set of values it checks that the chart renders to a valid privileged DaemonSet:
selector matching the pod labels, every volume mount backed by a volume, the host mounts
each driver kind needs, probes on the health endpoint, and a falco.yaml (ConfigMap) that
sets the driver, the outputs and the metrics as asked. When a built `falco` binary is
found (target/{debug,release}/falco, or $FALCO_BIN) the rendered falco.yaml is also
loaded by it (`--dry-run`), with the repository's rules.

    deploy/helm/check.py            # exit 0 ok, 1 failed, 77 skipped
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHART = os.path.join(HERE, "falco")
REPO = os.path.dirname(os.path.dirname(HERE))


def skip(why):
    print(f"skipping the Helm chart checks: {why}")
    sys.exit(77)


try:
    import yaml
except ImportError:
    skip("no PyYAML (python3-yaml)")

try:
    import helm_python as helm
except ImportError:
    r = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "helm-python-sdk"],
        capture_output=True,
        text=True,
    )
    try:
        import helm_python as helm
    except ImportError:
        skip("helm-python-sdk is not installed and pip could not install it: "
             + (r.stderr.strip().splitlines() or ["?"])[-1])

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def lint(values, label):
    report = helm.lint(CHART, values, strict=True, namespace="falco")
    for m in report.get("messages") or []:
        # Severity 1 = info (e.g. "icon is recommended"), 2 = warning, 3 = error.
        if m.get("severity", 0) >= 2:
            failures.append(f"lint [{label}]: {m}")
    for e in report.get("errors") or []:
        failures.append(f"lint [{label}]: {e}")


def render(values):
    chart = helm.Chart.load(CHART)
    out = chart.render(values, name="sec", namespace="falco", is_install=True)
    docs = []
    for path, text in sorted(out.items()):
        if path.endswith("NOTES.txt"):
            continue
        for d in yaml.safe_load_all(text):
            if d:
                docs.append(d)
    return docs


def one(docs, kind, name=None):
    found = [d for d in docs if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)]
    check(len(found) == 1, f"expected one {kind} {name or ''}, found {len(found)}")
    return found[0] if found else None


def falco_bin():
    cands = [os.environ.get("FALCO_BIN", "")] + [
        os.path.join(REPO, "target", p, "falco") for p in ("debug", "release")
    ]
    for c in cands:
        if c and os.access(c, os.X_OK):
            return c
    return None


def check_daemonset(values, label, kind):
    docs = render(values)
    ds = one(docs, "DaemonSet")
    if ds is None:
        return docs
    check(ds["apiVersion"] == "apps/v1", f"[{label}] DaemonSet apiVersion")
    spec = ds["spec"]
    sel = spec["selector"]["matchLabels"]
    pod_labels = spec["template"]["metadata"]["labels"]
    check(all(pod_labels.get(k) == v for k, v in sel.items()), f"[{label}] selector does not match pod labels")
    pod = spec["template"]["spec"]
    c = pod["containers"][0]
    check(c["args"][0] == "/usr/bin/falco", f"[{label}] command")
    env = {e["name"]: e for e in c.get("env", [])}
    check(env.get("HOST_ROOT", {}).get("value") == "/host", f"[{label}] HOST_ROOT")
    sc = c.get("securityContext") or {}
    if kind is None:
        check(not sc.get("privileged"), f"[{label}] no driver but privileged")
    elif kind == "modern_ebpf" and values.get("driver", {}).get("modernEbpf", {}).get("leastPrivileged"):
        caps = set(sc.get("capabilities", {}).get("add", []))
        check({"BPF", "PERFMON", "SYS_RESOURCE"} <= caps and not sc.get("privileged"),
              f"[{label}] least-privileged capabilities: {sc}")
    else:
        check(sc.get("privileged") is True, f"[{label}] not privileged: {sc}")
    vols = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["mountPath"]: m for m in c["volumeMounts"]}
    for m in c["volumeMounts"]:
        check(m["name"] in vols, f"[{label}] mount {m['mountPath']} has no volume {m['name']}")
    names = [v["name"] for v in pod["volumes"]]
    check(len(names) == len(set(names)), f"[{label}] duplicate volume names")

    def host(mount_path, host_path):
        m = mounts.get(mount_path)
        ok = m is not None and "hostPath" in vols.get(m["name"], {}) and vols[m["name"]]["hostPath"]["path"] == host_path
        check(ok, f"[{label}] {mount_path} should mount the host's {host_path}")

    host("/host/proc", "/proc")
    if kind is not None:
        for p in ("/etc", "/boot", "/lib/modules", "/usr"):
            host("/host" + p, p)
    if kind in ("kmod", "auto"):
        host("/host/dev", "/dev")
        host("/sys/module", "/sys/module")
    else:
        check("/host/dev" not in mounts, f"[{label}] /dev mounted without kmod")
    if kind in ("modern_ebpf", "auto"):
        host("/sys/kernel", "/sys/kernel")
    check("/etc/falco/falco.yaml" in mounts, f"[{label}] falco.yaml not mounted")
    probe = c.get("livenessProbe", {}).get("httpGet", {})
    check(probe.get("path") == "/healthz" and probe.get("port") == "web", f"[{label}] liveness probe {probe}")
    ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
    check(ports.get("web") == 8765, f"[{label}] web port {ports}")

    cm = one(docs, "ConfigMap", "sec-falco")
    cfg = yaml.safe_load(cm["data"]["falco.yaml"]) if cm else {}
    check(cfg.get("engine", {}).get("kind") == (kind or "nodriver"), f"[{label}] engine.kind {cfg.get('engine')}")
    return docs, cfg


def dry_run(cfg, label):
    fb = falco_bin()
    if fb is None:
        return False
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "falco.yaml")
        cfg = dict(cfg)
        cfg["rules_files"] = [os.path.join(REPO, "falco-cli", "rules", "falco_rules.yaml")]
        cfg["config_files"] = []
        with open(p, "w") as f:
            yaml.safe_dump(cfg, f)
        r = subprocess.run([fb, "-c", p, "--dry-run"], capture_output=True, text=True, timeout=120)
        check(r.returncode == 0, f"[{label}] falco --dry-run with the rendered falco.yaml failed: {r.stderr[-2000:]}")
    return True


cases = [
    ("defaults", {}, "modern_ebpf"),
    ("kmod", {"driver": {"kind": "kmod"}}, "kmod"),
    ("auto", {"driver": {"kind": "auto"}}, "auto"),
    ("least-privileged", {"driver": {"kind": "modern_ebpf", "modernEbpf": {"leastPrivileged": True}}}, "modern_ebpf"),
    ("no driver", {"driver": {"enabled": False}}, None),
]
for label, values, kind in cases:
    lint(values, label)
    _, cfg = check_daemonset(values, label, kind)

# Outputs, falcosidekick, metrics, custom rules.
values = {
    "falcosidekick": {"enabled": True},
    "metrics": {"enabled": True, "interval": "30s"},
    "customRules": {"extra.yaml": "- list: my_list\n  items: [a]\n"},
}
lint(values, "sidekick+metrics")
docs, cfg = check_daemonset(values, "sidekick+metrics", "modern_ebpf")
check(cfg["http_output"]["enabled"] is True and cfg["http_output"]["url"] == "http://sec-falco-falcosidekick:2801/",
      f"http_output {cfg['http_output']}")
check(cfg["json_output"] is True, "json_output with falcosidekick")
check(cfg["metrics"]["enabled"] is True and cfg["metrics"]["interval"] == "30s", f"metrics {cfg['metrics']}")
check(cfg["webserver"]["prometheus_metrics_enabled"] is True, "prometheus_metrics_enabled")
dep = one(docs, "Deployment", "sec-falco-falcosidekick")
svc = one(docs, "Service", "sec-falco-falcosidekick")
msvc = one(docs, "Service", "sec-falco-metrics")
ds = one(docs, "DaemonSet")
if dep and ds:
    dsl = ds["spec"]["selector"]["matchLabels"]
    skl = dep["spec"]["template"]["metadata"]["labels"]
    check(not all(skl.get(k) == v for k, v in dsl.items()), "the DaemonSet selector also selects falcosidekick pods")
if msvc and ds:
    pl = ds["spec"]["template"]["metadata"]["labels"]
    check(all(pl.get(k) == v for k, v in msvc["spec"]["selector"].items()), "metrics Service does not select falco pods")
rules = one(docs, "ConfigMap", "sec-falco-rules")
if rules:
    check(yaml.safe_load(rules["data"]["extra.yaml"])[0]["list"] == "my_list", "custom rules content")
mounted = dry_run(cfg, "sidekick+metrics")

# An external falcosidekick and a bad driver kind.
docs = render({"falcosidekick": {"enabled": True, "url": "https://sk.example:2801/"}})
check(not [d for d in docs if d["kind"] == "Deployment"], "no falcosidekick Deployment with an external url")
try:
    render({"driver": {"kind": "ebpf"}})
    failures.append("driver.kind ebpf was accepted")
except helm.HelmError as e:
    check("driver.kind must be" in str(e), f"bad driver kind error: {e}")

# values.yaml's falco: is the packaged falco.yaml.
with open(os.path.join(REPO, "falco-cli", "config", "falco.yaml")) as f:
    packaged = yaml.safe_load(f)
with open(os.path.join(CHART, "values.yaml")) as f:
    check(yaml.safe_load(f)["falco"] == packaged, "values.yaml falco: differs from falco-cli/config/falco.yaml")

if failures:
    print("Helm chart checks FAILED:")
    for f in failures:
        print("  -", f)
    sys.exit(1)
print(f"Helm chart: lint --strict clean, {len(cases) + 2} renderings checked"
      + ("" if mounted else " (no falco binary: rendered falco.yaml not loaded)")
      + f", Helm SDK {helm.helm_sdk_version()}")
