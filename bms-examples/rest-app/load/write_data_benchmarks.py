"""Writes the "## Dashboard data under load" section of docs/benchmarks.md from run-data-load.sh's
results. Only that section is replaced (or appended)."""
import re
import sys

from write_benchmarks import REPORT, ms, replace_section

HEADING = "## Dashboard data under load (1,000 and 10,000 jobs, 30 days)"
# The analysis (what bounds each endpoint, what was changed, earlier runs) is the next section of
# docs/benchmarks.md, "## Dashboard data under load: what bounds it", which this script leaves alone.
ANALYSIS = """
What bounds each endpoint, what was changed and earlier runs: the next section.
"""


def parse(rest):
    f = dict(kv.split("=") for kv in rest.split())
    f["rps"] = int(f["requests"]) / (int(f["duration_us"]) / 1e6)
    return f


def main(results_path, doc_path, machine):
    seeded, bms, raw, order = {}, {}, {}, []
    for line in open(results_path):
        jobs, kind, rest = line.strip().split(" ", 2)
        if kind == "SEEDED":
            seeded[jobs] = rest.split("=")[1]
            continue
        label, _, result = rest.partition(" RESULT ")
        (bms if kind == "BMS" else raw)[(jobs, label)] = parse(result)
        if kind == "BMS":
            order.append((jobs, label))
    rows = []
    for jobs, label in order:
        b, r = bms[(jobs, label)], raw.get((jobs, label))
        ref = REPORT.get(label)
        rows.append(f"| {int(jobs):,} | {label} | {ms(b['p50_us'])} / {ms(b['p95_us'])} / {ms(b['p99_us'])} | {b['rps']:,.0f} | "
                    + (f"{ms(r['p95_us'])} | {r['rps']:,.0f} | {b['rps'] / r['rps']:.2f} | " if r else "| | | ")
                    + (f"{ref[1]} ms, {ref[3]} req/s | {b['rps'] / ref[3]:.0f}× |" if ref else "– | – |")
                    + (f" {b['non2xx']} non-2xx" if b["non2xx"] != "0" else ""))
    seeding = ", ".join(f"{int(j):,} jobs in {s} s" for j, s in seeded.items())
    section = f"""{HEADING}

What the dashboard asks on each refresh, at the sizes of real estates: `bms-examples/rest-app` on its
embedded default (H2, local caches) started with `--sample-jobs=N --seed-days=30`: N generated jobs
(three copies each) with one reported backup a day for 30 days (about 92 % succeeded, 5 % partial,
3 % failed) imported through `executions().record`, beside the 8-job sample estate, judged once
(seeding took {seeding}, import and `evaluateAll` included). wrk from 50 connections, per endpoint a
5 s warm-up, a 2 s rate probe, then about 10,000 requests. Each endpoint is measured beside its
`/raw/...` twin (`--raw-endpoints=true`): the same rows read with plain JDBC from bms's tables in the
same server, behind the same authentication, limiter and JSON writer, measured right after it; the
**bms / raw** column is the ratio of their request rates (1.00 = bms adds nothing over plain JDBC).
The reference report's "GET /api/reports" is compared with the success-rate report; it had no
stats or compliance endpoint. Latencies in milliseconds.

Machine: {machine}. The report's machine had 4 cores.

```
bms-examples/rest-app/load/run-data-load.sh
```

| jobs | endpoint | bms p50 / p95 / p99 | bms req/s | raw p95 | raw req/s | bms / raw | report (p95, req/s) | req/s vs report |
|---|---|---|---|---|---|---|---|---|
""" + "\n".join(rows) + "\n" + ANALYSIS
    replace_section(doc_path, HEADING, section)


if __name__ == "__main__":
    main(*sys.argv[1:])
