#!/usr/bin/env python3
"""Runs the live triggers of the default rules and checks their alerts (tests/vm/guest.sh).

    triggers.py TRIGGERS_JSON ALERTS_FILE [SECONDS [READY_SECONDS]]

TRIGGERS_JSON is falco-cli/tests/live_triggers.json, the list the eBPF live test
(falco-cli/tests/falco_live.rs) runs on the host; ALERTS_FILE is where a running falco
writes its JSON alerts, one a line. Each trigger's commands run directly (this script
is their parent: a program that is not a shell), then an alert of its rule whose
output_fields contain each expected value must appear in ALERTS_FILE within SECONDS
(default 30: the VM is emulated). falco starts capturing only after its /proc scan,
which it does not log: the first trigger is repeated every 3 s until its alert arrives
(at most READY_SECONDS, default 180) before the others run once each. Prints "ok   ..." or "FAIL ..." per trigger; the exit
status is the number of failures.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def main():
    spec, alerts_path = sys.argv[1], sys.argv[2]
    within = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
    ready = float(sys.argv[4]) if len(sys.argv) > 4 else 180.0
    with open(spec) as f:
        triggers = json.load(f)["triggers"]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    with open("/proc/self/comm") as f:
        me = f.read().strip()
    tmp = tempfile.mkdtemp(prefix="falco-live-")
    values = {
        "{dir}": tmp,
        "{pid}": str(os.getpid()),
        "{port}": str(listener.getsockname()[1]),
        "{me}": me,
    }

    def subst(s):
        for k, v in values.items():
            s = s.replace(k, v)
        return s

    seen = []  # every alert read so far
    pos = 0
    partial = b""

    def read_alerts():
        nonlocal pos, partial
        try:
            with open(alerts_path, "rb") as f:
                f.seek(pos)
                data = f.read()
        except FileNotFoundError:
            return
        pos += len(data)
        lines = (partial + data).split(b"\n")
        partial = lines.pop()
        for line in lines:
            try:
                seen.append(json.loads(line))
            except ValueError:
                pass

    def matches(alert, rule, fields):
        if alert.get("rule") != rule:
            return False
        got = alert.get("output_fields", {})
        for k, v in fields.items():
            g = got.get(k)
            g = g if isinstance(g, str) else json.dumps(g)
            if v not in g:
                return False
        return True

    def trigger(t):
        """Runs the trigger's commands; False (and a FAIL line) when one cannot run."""
        ran = True
        for cmd in t["run"]:
            argv = [subst(a) for a in cmd]
            try:
                subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)
            except OSError as e:
                print("FAIL '%s': cannot run %s: %s" % (t["rule"], argv, e))
                ran = False
                break
        for path in t.get("remove", []):
            try:
                os.remove(subst(path))
            except FileNotFoundError:
                pass
        return ran

    def wait_for(rule, fields, seconds):
        deadline = time.monotonic() + seconds
        while True:
            read_alerts()
            hit = next((a for a in seen if matches(a, rule, fields)), None)
            if hit is not None or time.monotonic() > deadline:
                return hit
            time.sleep(0.2)

    failures = 0
    start = time.monotonic()
    for i, t in enumerate(triggers):
        rule = t["rule"]
        fields = {k: subst(v) for k, v in t["fields"].items()}
        if not trigger(t):
            failures += 1
            continue
        hit = wait_for(rule, fields, within if i > 0 else 3)
        while i == 0 and hit is None and time.monotonic() - start < ready:
            trigger(t)
            hit = wait_for(rule, fields, 3)
        if i == 0 and hit is not None:
            print("     falco alerting after %.0f s" % (time.monotonic() - start))
        if hit is not None:
            f = hit.get("output_fields", {})
            shown = " ".join("%s=%s" % (k, f.get(k)) for k in fields)
            print("ok   alert '%s' (%s)" % (rule, shown))
        else:
            failures += 1
            print("FAIL no alert '%s' with %s within %.0f s; %d alerts seen: %s"
                  % (rule, fields, within, len(seen),
                     "; ".join(sorted({a.get("rule", "?") for a in seen}))))
        sys.stdout.flush()
    listener.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return failures


if __name__ == "__main__":
    sys.exit(main())
