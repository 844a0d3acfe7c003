#!/usr/bin/env python3
"""Flat conditions of Falco rules, expanded here independently of falco (used by gen.py).

Reads the rule files in order (a later list or macro of the same name replaces an earlier
one; the three upstream files use no `append`, `override` or `exceptions`, which this does
not implement and refuses), then for a rule's condition:

* a macro name in the position of a condition (after `(`, `and`, `or`, `not` or at the
  start) becomes `(<its condition, expanded>)`;
* a list name among the items of a value list (`in (...)`, `intersects (...)`,
  `pmatch (...)`) becomes its items (lists in lists expanded), an item with a blank quoted;
* everything else is copied as written.

Usage as a script: expand.py RULES.yaml... prints `rule<TAB>flat condition` per rule.
"""

import re
import sys

import yaml

LIST_OPS = {"in", "intersects", "pmatch"}
WORD = re.compile(r"[^\s()\"',=<>!]+")


class Defs:
    def __init__(self, paths):
        self.lists = {}
        self.macros = {}
        self.rules = []  # (name, condition) in order; a redefined rule keeps its place
        for path in paths:
            with open(path) as f:
                doc = yaml.safe_load(f) or []
            for item in doc:
                for key in ("append", "override", "exceptions"):
                    if key in item:
                        raise SystemExit("%s: %r uses %s" % (path, item, key))
                if "list" in item:
                    self.lists[item["list"]] = [str(v) for v in item["items"] or []]
                elif "macro" in item:
                    self.macros[item["macro"]] = item["condition"]
                elif "rule" in item:
                    names = [n for n, _ in self.rules]
                    if item["rule"] in names:
                        self.rules[names.index(item["rule"])] = (item["rule"], item["condition"])
                    else:
                        self.rules.append((item["rule"], item["condition"]))

    def list_items(self, name, seen=()):
        out = []
        for v in self.lists[name]:
            if v in self.lists and v not in seen:
                out.extend(self.list_items(v, seen + (name,)))
            else:
                out.append(v)
        return out

    def expand(self, cond, seen=()):
        out = []
        i = 0
        n = len(cond)
        # Stack of open parentheses: True for a value list.
        parens = []
        prev = None  # previous significant token
        while i < n:
            c = cond[i]
            if c.isspace():
                out.append(c)
                i += 1
                continue
            if c in "\"'":
                j = i + 1
                while j < n and not (cond[j] == c and cond[j - 1] != "\\"):
                    j += 1
                out.append(cond[i : j + 1])
                prev = "<value>"
                i = j + 1
                continue
            if c == "(":
                parens.append(prev in LIST_OPS)
                out.append(c)
                prev = "("
                i += 1
                continue
            if c == ")":
                if parens:
                    parens.pop()
                out.append(c)
                prev = ")"
                i += 1
                continue
            m = WORD.match(cond, i)
            if not m:
                out.append(c)  # operator characters
                prev = c
                i += 1
                continue
            word = m.group(0)
            i = m.end()
            in_list = bool(parens) and parens[-1]
            if in_list and word in self.lists:
                items = self.list_items(word)
                text = ", ".join(
                    '"%s"' % v if " " in v and v[0] not in "\"'" else v for v in items
                )
                if not text:
                    # An empty list: drop the comma that separated it.
                    k = len(out) - 1
                    while k >= 0 and out[k].isspace():
                        k -= 1
                    if k >= 0 and out[k] == ",":
                        del out[k:]
                    else:
                        while i < n and cond[i].isspace():
                            i += 1
                        if i < n and cond[i] == ",":
                            i += 1
                out.append(text)
                prev = "<value>"
                continue
            cond_pos = prev in (None, "(", "and", "or", "not") and not in_list
            if cond_pos and word in self.macros and word not in seen:
                out.append("(" + self.expand(self.macros[word], seen + (word,)) + ")")
                prev = "<macro>"
                continue
            out.append(word)
            prev = word
        return "".join(out)


def main():
    d = Defs(sys.argv[1:])
    for name, cond in d.rules:
        print("%s\t%s" % (name, d.expand(cond).replace("\n", " ").strip()))


if __name__ == "__main__":
    main()
