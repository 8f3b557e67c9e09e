#!/usr/bin/env python3
"""The runtime's modules as layers: no module depends on one that depends back on it.

Reads every file under runtime/src, takes each top-level module's references to other
top-level modules (`crate::name`, `super::…` leaving its folder), ignores comments and
`$crate` paths (code generated into the user's crate, not a dependency of the module), and
fails on any cycle, printing it. `__private` (the derive's glue) counts as `private`.
"""
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "runtime" / "src"


def graph():
    edges = {}
    for path in SRC.rglob("*.rs"):
        rel = path.relative_to(SRC)
        top = rel.parts[0].removesuffix(".rs")
        if top in ("lib", "docs"):
            continue
        text = re.sub(r"//[^\n]*", "", path.read_text())
        text = text.replace("$crate::", "")
        deps = {d.replace("__private", "private") for d in re.findall(r"\bcrate::([a-z_]+)", text)}
        edges.setdefault(top, set()).update(d for d in deps if d != top)
    return edges


def cycles(edges):
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in list(edges):
        if v not in index:
            visit(v)
    return found


def main():
    edges = graph()
    found = cycles(edges)
    for component in found:
        inner = {a: sorted(b for b in edges[a] if b in component) for a in component}
        print("modules that depend on each other:", ", ".join(f"{a} -> {inner[a]}" for a in component))
    if found:
        sys.exit(1)
    print(f"{len(edges)} runtime modules, no cycle")


if __name__ == "__main__":
    main()
