#!/usr/bin/env python3
"""Fails when modules of a crate import each other in a cycle.

Usage: scripts/module-cycles.py SRC_DIR [SRC_DIR ...]

Each file below SRC_DIR is a module (`a/b.rs` and `a/b/mod.rs` are
`crate::a::b`). An edge A -> B is a path in A that names B: `crate::…`,
`super::…`, `self::…` or a child module's name, in `use` lines and in code.
A folder's mod.rs may name its own children (that is its structure, not an
import); children may use their parent. Every other edge must form no cycle. The crate root (lib.rs,
main.rs) is left out: it declares every module and holds shared state. A
cycle is a set of modules that reach each other; it is printed with the
lines that make it, and the exit status is 1.
"""

import os
import re
import sys

PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
CHILD_PATH = re.compile(r"(?<![:\w])([a-z_][a-z0-9_]*)::")
USE_GROUP = re.compile(r"\buse\s+(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^;]*)\};", re.S)


def module_of(root, path):
    rel = os.path.relpath(path, root)[: -len(".rs")].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    if rel in (["lib"], ["main"]):
        return None
    if rel and rel[0] == "bin":
        return None
    return tuple(rel)


def strip_comments(text):
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def paths_in(text):
    """Every absolute or relative path, with `use x::{a, b::c}` expanded."""
    for m in USE_GROUP.finditer(text):
        base, prefix, group = m.group(1), m.group(2), m.group(3)
        for item in re.split(r"[,{}\s]+", group):
            item = item.split(" as ")[0].strip()
            if item and item != "self" and re.match(r"[A-Za-z_]", item):
                yield base, prefix + "::" + item.split("::")[0]
            elif item == "self":
                yield base, prefix
    for m in PATH.finditer(text):
        yield m.group(1), m.group(2)


def resolve(modules, current, base, rest):
    parts = [p for p in rest.split("::") if p]
    if base == "crate":
        start = []
    elif base == "super":
        start = list(current[:-1])
    else:
        start = list(current)
    full = start + parts
    # The longest prefix that is a module.
    for n in range(len(full), 0, -1):
        candidate = tuple(full[:n])
        if candidate in modules:
            return candidate
    return None


def cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def check(root):
    files = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(".rs"):
                path = os.path.join(dirpath, name)
                module = module_of(root, path)
                if module is not None:
                    files[module] = path
    graph, why = {}, {}
    for module, path in files.items():
        text = strip_comments(open(path, encoding="utf-8").read())
        # A module's own tests may use anything.
        text = text.split("#[cfg(test)]")[0]
        found = list(paths_in(text))
        # Paths that start with a child module's name (`use query::X;`,
        # `store::find(…)`), relative to this module.
        for m in CHILD_PATH.finditer(text):
            if module + (m.group(1),) in files:
                found.append(("self", "::" + m.group(1)))
        for base, rest in found:
            target = resolve(files, module, base, rest)
            # A folder's mod.rs naming its own children (declaring, calling,
            # re-exporting them) is its structure, not an import.
            if target is None or target[: len(module)] == module:
                continue
            graph.setdefault(module, set()).add(target)
            why.setdefault((module, target), f"{base}{rest}")
    found = cycles(graph)
    for comp in found:
        names = ["::".join(m) for m in comp]
        print(f"{root}: import cycle between {', '.join(names)}")
        members = set(comp)
        for a in comp:
            for b in sorted(graph.get(a, ())):
                if b in members:
                    print(f"  {'::'.join(a)} -> {'::'.join(b)} ({why[(a, b)]})")
    return not found


def main():
    roots = sys.argv[1:]
    if not roots:
        print(__doc__)
        return 2
    ok = all([check(root) for root in roots])
    if ok:
        print(f"no import cycles in {', '.join(roots)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
