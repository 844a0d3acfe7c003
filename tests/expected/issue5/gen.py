#!/usr/bin/env python3
"""Helper of regen.sh (see README.md next to it): sysdig's matches for every upstream rule.

Reads `falco -L -o json_output=true` of the three upstream rule files on stdin, and for every
rule turns its flat condition (`details.condition_compiled`: macros and lists substituted,
exceptions appended) into sysdig 0.29's filter syntax (`to_sysdig`), runs

    sysdig -r CAPTURE -p %evt.num "<filter>"

on each capture and writes, into the output directory:

* `rules.tsv`: one line per rule, in `falco -L` order:
  `KIND<TAB>rule<TAB>condition_compiled<TAB>sysdig filter<TAB>reason` (the filter is `=`
  when it is the condition unchanged), KIND `compare`
  (reason empty) or `skip` when sysdig 0.29 rejects the filter; the reason is then
  `field NAME` for a field sysdig does not know, `operator NAME` for an operator it does
  not know, else `sysdig: <its message>`.
* `<stem>.tsv` per capture: `rule<TAB>evt.num evt.num ...` (sysdig's matches, sorted; nothing
  after the tab when there are none) for every compared rule.

As a cross-check of falco's expansion, each compared rule's condition is also expanded
independently from the rule files (expand.py) and run through sysdig; the matches must be
the same on every capture, or gen.py fails. (sysdig 0.29 refuses the independent expansion
where the rule text itself mixes `and` and `or` without parentheses: such rules are named
on stdout and not cross-checked.)

Usage: gen.py SYSDIG CAPTURES_DIR OUT_DIR RULE_FILE,RULE_FILE,... STEM=FILE... < falco-L.json
"""

import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import expand  # noqa: E402

# Fields that hold one value: for them `intersects (list)` is `in (list)` (libsinsp compares
# each value of the field with the set; one value intersects the set iff it is in it).
# sysdig 0.29 cannot parse `intersects` (its lexer takes the `in` of `intersects`).
SINGLE_VALUED = {"proc.args"}


def to_sysdig(cond):
    """The same condition in sysdig 0.29's syntax; every rewrite is exactly equivalent.

    * `F intersects (` -> `F in (` for the single-valued fields in SINGLE_VALUED;
    * inside a double-quoted string, `'` -> `\\x27` (sysdig 0.29's lexer ends a string on
      either quote character: `"python -c 'import socket"` is a syntax error there);
    * a bare value containing a backslash is double-quoted with the backslash escaped (sysdig
      0.29 reads escapes in bare words and rejects `\\` alone; current libsinsp reads bare
      words verbatim).
    """
    out = []
    i = 0
    n = len(cond)
    while i < n:
        c = cond[i]
        if c == '"':
            j = i + 1
            buf = ['"']
            while j < n and cond[j] != '"':
                if cond[j] == "\\":
                    buf.append(cond[j : j + 2])
                    j += 2
                    continue
                buf.append("\\x27" if cond[j] == "'" else cond[j])
                j += 1
            buf.append('"')
            out.append("".join(buf))
            i = j + 1
            continue
        if c == "'":
            j = i + 1
            while j < n and not (cond[j] == "'" and cond[j - 1] != "\\"):
                j += 1
            if '"' in cond[i:j]:
                raise ValueError("'-quoted string with a \" in it: %r" % cond[i : j + 1])
            out.append(cond[i : j + 1])
            i = j + 1
            continue
        m = re.match(r"[^()\"'\s=,]+", cond[i:])
        if m:
            word = m.group(0)
            if "\\" in word:
                word = '"' + word.replace("\\", "\\\\") + '"'
            out.append(word)
            i += len(m.group(0))
            continue
        out.append(c)
        i += 1
    text = "".join(out)
    for f in SINGLE_VALUED:
        text = text.replace(f + " intersects (", f + " in (")
    return text


def same(filt, cond):
    """`=` when the sysdig filter is the condition itself (the usual case), else the filter."""
    return "=" if filt == cond else filt


def run_sysdig(sysdig, capture, filt):
    p = subprocess.run(
        [sysdig, "-r", capture, "-p", "%evt.num", filt],
        capture_output=True,
        text=True,
    )
    if p.returncode != 0:
        return None, (p.stderr.strip() or p.stdout.strip()).splitlines()[0]
    return sorted(int(x) for x in p.stdout.split()), None


def main():
    sysdig, caps, out, rule_files = sys.argv[1:5]
    captures = [a.split("=", 1) for a in sys.argv[5:]]
    defs = expand.Defs(rule_files.split(","))
    own = dict(defs.rules)
    not_checked = []
    mismatches = []
    doc = json.load(sys.stdin)
    rules = doc["rules"]
    matches = {stem: [] for stem, _ in captures}
    lines = []
    for r in rules:
        name = r["info"]["name"]
        cond = r["details"]["condition_compiled"]
        assert "\t" not in name and "\n" not in name and "\t" not in cond, name
        filt = to_sysdig(cond)
        per_capture = {}
        reason = None
        for stem, file in captures:
            nums, err = run_sysdig(sysdig, caps + "/" + file, filt)
            if err is not None:
                m = re.search(r"unrecognized field ([a-zA-Z0-9_.]+)", err)
                op = re.search(r"\b(bcontains|bstartswith)\b", filt)
                if m:
                    reason = "field " + m.group(1)
                elif op and "unrecognized comparison operator" in err:
                    reason = "operator " + op.group(1)
                else:
                    reason = "sysdig: " + err
                break
            per_capture[stem] = nums
        if reason is not None:
            lines.append("skip\t%s\t%s\t%s\t%s" % (name, cond, same(filt, cond), reason))
            continue
        lines.append("compare\t%s\t%s\t%s\t" % (name, cond, same(filt, cond)))
        flat = to_sysdig(defs.expand(own[name]).replace("\n", " ").strip())
        for stem, file in captures:
            nums, err = run_sysdig(sysdig, caps + "/" + file, flat)
            if err is not None:
                not_checked.append("%s (%s)" % (name, err))
                break
            if nums != per_capture[stem]:
                mismatches.append("%s on %s: %s vs %s" % (name, stem, per_capture[stem], nums))
        for stem, _ in captures:
            matches[stem].append("%s\t%s" % (name, " ".join(map(str, per_capture[stem]))))
    header = "# Made by tests/expected/issue5/regen.sh with %s; see README.md there.\n" % (
        subprocess.run([sysdig, "--version"], capture_output=True, text=True).stdout.strip()
    )
    with open(out + "/rules.tsv", "w") as f:
        f.write(header)
        f.write("# kind\trule\tcondition_compiled\tsysdig filter\treason skipped\n")
        f.writelines(l + "\n" for l in lines)
    for stem, file in captures:
        with open("%s/%s.tsv" % (out, stem), "w") as f:
            f.write(header)
            f.write("# capture: %s; rule\tsysdig's evt.num matches, sorted\n" % file)
            f.writelines(l + "\n" for l in matches[stem])
    compared = sum(1 for l in lines if l.startswith("compare"))
    print("%d rules: %d compared, %d skipped" % (len(lines), compared, len(lines) - compared))
    print(
        "independent expansion: %d compared rules cross-checked, %d not:"
        % (compared - len(not_checked) - len(mismatches), len(not_checked))
    )
    for n in not_checked:
        print("  " + n)
    if mismatches:
        print("gen.py: falco's expansion and expand.py's give different matches:", file=sys.stderr)
        for m in mismatches:
            print("  " + m, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
