"""Writes the "## REST API under load" section of docs/benchmarks.md from run-load.sh's results.

Only that section is replaced (or appended): other sections of the file belong to other benchmarks.
"""
import re
import sys

REPORT = {  # the reference report, section 1.1: p50, p95, p99 (ms), requests/s
    "GET /api/jobs": (45, 120, 180, 245),
    "GET /api/jobs/{id}": (35, 95, 145, 312),
    "POST /api/jobs": (85, 175, 245, 156),
    "GET /api/executions": (65, 150, 210, 198),
    "GET /api/alerts": (42, 115, 165, 267),
    "GET /api/reports/success-rate": (125, 285, 395, 98),  # the report's "GET /api/reports"
}
HEADING = "## REST API under load"


def ms(us):
    v = int(us) / 1000.0
    return f"{v:.1f}" if v < 10 else f"{v:.0f}"


def replace_section(doc_path, heading, section):
    """Replaces the section under `heading` (up to the next "## ") in doc_path, or appends it."""
    try:
        doc = open(doc_path).read()
    except FileNotFoundError:
        doc = "# Benchmarks\n"
    pattern = re.compile(r"^" + re.escape(heading) + r"\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(doc):
        doc = pattern.sub(lambda m: section + "\n", doc)
    else:
        doc = doc.rstrip("\n") + "\n\n" + section
    open(doc_path, "w").write(doc.rstrip("\n") + "\n")


def main(results_path, doc_path, machine):
    rows = []
    for line in open(results_path):
        label, _, rest = line.strip().partition(" RESULT ")
        if not rest:
            label, _, status = line.strip().partition(" SKIPPED ")
            ref = REPORT.get(label)
            rows.append(f"| {label} | not measured: this bms build answers {status.replace('status=', '')} | | | | | "
                        + (f"{ref[0]} / {ref[1]} / {ref[2]} ms, {ref[3]} req/s" if ref else "–") + " | |")
            continue
        f = dict(kv.split("=") for kv in rest.split())
        rps = int(f["requests"]) / (int(f["duration_us"]) / 1e6)
        ref = REPORT.get(label)
        faster = f"{rps / ref[3]:.0f}×" if ref else "–"
        rows.append(f"| {label} | {int(f['requests']):,} | {ms(f['p50_us'])} | {ms(f['p95_us'])} | {ms(f['p99_us'])} | {rps:,.0f} | "
                    + (f"{ref[0]} / {ref[1]} / {ref[2]} ms, {ref[3]} req/s" if ref else "–")
                    + f" | {faster} |" + (f" {f['non2xx']} non-2xx" if f["non2xx"] != "0" else ""))
    section = f"""{HEADING}

The reference report's section 1.1 run (Apache Bench, 10,000 requests per endpoint, concurrency 50)
reproduced against `bms-examples/rest-app` on its embedded default (H2, local caches), seeded with
its sample data (8 jobs, 14 days of executions), with wrk from 50 connections: per endpoint a 5 s
warm-up (not measured), a 2 s run measuring the rate, then one run long enough for about 10,000
requests at that rate (2-60 s; the requests column says how many were measured: the rate moves
with the machine's load). Compliance and the reports are measured first, on the 8 seeded jobs:
`/api/compliance` and the compliance report evaluate 3-2-1-1-0 for every job on each request (the
slowest rows), the success-rate report aggregates 30 days of executions per day (or week) in the
database, and the HTML and CSV rows include bms rendering the page (inline SVG) or the table. The
report's "GET /api/reports" is compared with the success-rate report; it has no compliance
endpoint. The dashboard's static page is not measured: what a dashboard costs is its data requests,
measured at 1,000 and 10,000 jobs in [Dashboard data under load](#dashboard-data-under-load-1000-and-10000-jobs-30-days). POST /api/jobs then creates a new, distinct job per request. Authentication, security
headers and the rate limiter stay on (the limiter raised so that it never refuses). Latencies in
milliseconds.

Machine: {machine}. The machine is shared with other builds and benchmarks: treat the numbers as
an order of magnitude, and the ratio to the report as the result. The report's machine had 4 cores.

```
bms-examples/rest-app/load/run-load.sh
```

| endpoint | requests | p50 | p95 | p99 | req/s | report (p50 / p95 / p99, req/s) | req/s vs report |
|---|---|---|---|---|---|---|---|
""" + "\n".join(rows) + "\n"
    replace_section(doc_path, HEADING, section)


if __name__ == "__main__":
    main(*sys.argv[1:])
