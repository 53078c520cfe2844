#!/usr/bin/env python3
"""What a bundle's wasm carries, by crate: the code size of each function
in cargo's wasm (before wasm-bindgen and wasm-opt, which keep its names
section), summed by the crate its name starts with, and the data section.
The figures are before optimisation, so they are larger than what is
served; the proportions are what to read. `make bench` prints them.

    scripts/wasm-breakdown.py target/wasm32-unknown-unknown/release/feedback.wasm
"""
import collections
import re
import sys


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]
        n, i = leb(b, i + 1)
        yield sid, b[i:i + n]
        i += n


def functions(path):
    """(name, body size) of each function defined in the module, and the data size."""
    b = open(path, "rb").read()
    imported, bodies, names, data = 0, [], {}, 0
    for sid, d in sections(b):
        if sid == 2:  # imports: functions among them are numbered first
            count, j = leb(d, 0)
            for _ in range(count):
                for _ in range(2):
                    n, j = leb(d, j)
                    j += n
                kind = d[j]
                j += 1
                if kind == 0:
                    _, j = leb(d, j)
                    imported += 1
                elif kind in (1, 2):
                    if kind == 1:
                        j += 1
                    flags = d[j]
                    _, j = leb(d, j + 1)
                    if flags & 1:
                        _, j = leb(d, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            count, j = leb(d, 0)
            for _ in range(count):
                n, j = leb(d, j)
                bodies.append(n)
                j += n
        elif sid == 11:
            data += len(d)
        elif sid == 0:
            n, j = leb(d, 0)
            if d[j:j + n] == b"name":
                j += n
                while j < len(d):
                    sub = d[j]
                    size, j = leb(d, j + 1)
                    if sub == 1:
                        count, k = leb(d, j)
                        for _ in range(count):
                            idx, k = leb(d, k)
                            n, k = leb(d, k)
                            names[idx] = d[k:k + n].decode("utf8", "replace")
                            k += n
                    j += size
    return [(names.get(imported + i, "?"), n) for i, n in enumerate(bodies)], data


CRATES = re.compile(
    r"(recovery_colleges|api|reactive_graph|tachys|leptos_router|leptos|serde_json|serde_core|serde"
    r"|js_sys|web_sys|gloo_net|wasm_bindgen_futures|wasm_bindgen|hashbrown|alloc|core|std|dlmalloc"
    r"|serde_urlencoded|form_urlencoded|either_of|futures_util|futures|send_wrapper|or_poisoned|slotmap)(\d|\.\.|::)"
)


def main():
    for path in sys.argv[1:]:
        funcs, data = functions(path)
        by_crate = collections.Counter()
        for name, size in funcs:
            m = CRATES.search(name)
            by_crate[m.group(1) if m else "(generic and unnamed)"] += size
        code = sum(by_crate.values())
        print(f"  {path.rsplit('/', 1)[-1]}: code {code:,} bytes, data {data:,} bytes (before wasm-opt)")
        for crate, size in by_crate.most_common(14):
            print(f"    {crate:28s} {size:9,d}  {100 * size / code:4.1f}%")


if __name__ == "__main__":
    main()
