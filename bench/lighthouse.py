#!/usr/bin/env python3
"""Median of Lighthouse runs of one page (its JSON reports as arguments):
the performance score, LCP, CLS and TBT, and the other categories' scores,
against issue 24's budgets (performance >= 98, LCP <= 1.2 s, CLS 0, the rest 100)."""
import json
import statistics
import sys

reports = [json.load(open(path)) for path in sys.argv[2:]]
page = sys.argv[1]


def median(values):
    return statistics.median(values)


perf = median([r["categories"]["performance"]["score"] * 100 for r in reports])
lcp = median([r["audits"]["largest-contentful-paint"]["numericValue"] / 1000 for r in reports])
cls = median([r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports])
tbt = median([r["audits"]["total-blocking-time"]["numericValue"] for r in reports])
others = {
    name: median([r["categories"][name]["score"] * 100 for r in reports])
    for name in ("accessibility", "best-practices", "seo")
}
met = perf >= 98 and lcp <= 1.2 and round(cls, 2) == 0 and all(v == 100 for v in others.values())
print(
    f"  {page:45s} performance {perf:3.0f}  LCP {lcp:.2f} s  CLS {cls:.2f}  TBT {tbt:4.0f} ms  "
    + "  ".join(f"{k} {v:.0f}" for k, v in others.items())
    + ("  (budget met)" if met else "  (budget: performance >= 98, LCP <= 1.2 s, CLS 0, the rest 100)")
)
