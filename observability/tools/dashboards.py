#!/usr/bin/env python3
"""Writes the Grafana dashboards of observability/grafana and the panel tables in docs/observability.md
from one list of panels, so the JSON and the documentation cannot disagree.

Run from the repository root: python3 observability/tools/dashboards.py
"""
import json
import pathlib

DS = {"type": "prometheus", "uid": "${datasource}"}
RATE = "$__rate_interval"

# (title, kind, unit, description, [queries as (expr, legend)])
DASHBOARDS = {
    "bms-overview": ("bms — overview", [
        ("Jobs by last status", "piechart", "short", "Jobs by the status of their latest execution (NEVER_RUN: none yet).",
         [("sum by (status) (bms_jobs)", "{{status}}")]),
        ("Jobs past their RPO", "stat", "short", "Jobs whose last successful backup is older than their RPO.",
         [("sum(bms_jobs_rpo_breached)", "breached")]),
        ("Success rate (24 h)", "stat", "percentunit", "Succeeded executions over all finished executions in the last day.",
         [("sum(increase(bms_executions_total{status=\"SUCCEEDED\"}[1d])) / sum(increase(bms_executions_total[1d]))", "success")]),
        ("3-2-1-1-0 compliant jobs", "stat", "percentunit", "Share of jobs that pass every digit of 3-2-1-1-0 (stored verdicts).",
         [("sum(bms_compliance_jobs{rule=\"overall\",status=\"PASS\"}) / sum(bms_compliance_jobs{rule=\"overall\"})", "compliant")]),
        ("Open alerts by severity", "bargauge", "short", "Alerts firing now, by severity.",
         [("sum by (severity) (bms_alerts_open)", "{{severity}}")]),
        ("Storage up", "stat", "bool", "1 while bms reaches its database (per instance).",
         [("min by (instance) (bms_storage_up)", "{{instance}}")]),
        ("Executions finished per hour", "timeseries", "short", "Finished executions by status.",
         [("sum by (status) (increase(bms_executions_total[1h]))", "{{status}}")]),
        ("Failed executions (1 h)", "stat", "short", "Executions that ended FAILED, TIMED_OUT or ABANDONED in the last hour.",
         [("sum(increase(bms_executions_total{status=~\"FAILED|TIMED_OUT|ABANDONED\"}[1h]))", "failed")]),
        ("Bytes backed up per hour", "timeseries", "bytes", "Bytes written to targets, by target type.",
         [("sum by (target) (increase(bms_backup_bytes_total[1h]))", "{{target}}")]),
        ("Queued and running", "timeseries", "short", "Executions waiting to be claimed and running now.",
         [("sum(bms_executions_queued)", "queued"), ("sum(bms_executions_running)", "running")]),
        ("Scheduler lag", "timeseries", "s", "How long the oldest due execution has waited to be claimed.",
         [("max(bms_scheduler_lag_seconds)", "lag")]),
        ("Alerts raised per hour", "timeseries", "short", "New alerts (deduplicated occurrences excluded), by severity.",
         [("sum by (severity) (increase(bms_alerts_raised_total[1h]))", "{{severity}}")]),
    ]),
    "bms-executions": ("bms — executions and performance", [
        ("Execution duration p50 / p95 / p99", "timeseries", "s", "From the bms.execution.duration histogram (SLO buckets).",
         [(f"histogram_quantile({q}, sum by (le) (rate(bms_execution_duration_seconds_bucket[{RATE}])))", f"p{int(q*100)}") for q in (0.5, 0.95, 0.99)]),
        ("Mean duration by status", "timeseries", "s", "Mean execution time per status.",
         [(f"sum by (status) (rate(bms_execution_duration_seconds_sum[{RATE}])) / sum by (status) (rate(bms_execution_duration_seconds_count[{RATE}]))", "{{status}}")]),
        ("Longest execution", "stat", "s", "Longest execution observed recently (timer max).",
         [("max(bms_execution_duration_seconds_max)", "max")]),
        ("Executions per minute by mode", "timeseries", "short", "MANAGED runs bms did, REPORTED runs other tools did.",
         [(f"sum by (mode) (rate(bms_executions_total[{RATE}])) * 60", "{{mode}}")]),
        ("Executions by status", "timeseries", "short", "Finished executions per minute by status.",
         [(f"sum by (status) (rate(bms_executions_total[{RATE}])) * 60", "{{status}}")]),
        ("Copies by target and outcome", "timeseries", "short", "Copies written per minute.",
         [(f"sum by (target, status) (rate(bms_copies_total[{RATE}])) * 60", "{{target}} {{status}}")]),
        ("Copy failure ratio by target", "timeseries", "percentunit", "Failed copies over all copies, per target type.",
         [(f"sum by (target) (rate(bms_copies_total{{status=\"FAILED\"}}[{RATE}])) / sum by (target) (rate(bms_copies_total[{RATE}]))", "{{target}}")]),
        ("Throughput", "timeseries", "Bps", "Bytes written to targets per second.",
         [(f"sum by (target) (rate(bms_backup_bytes_total[{RATE}]))", "{{target}}")]),
        ("Fires by outcome", "timeseries", "short", "Schedule fire times: FIRED, COALESCED (catch-up), SKIPPED (missed).",
         [("sum by (outcome) (increase(bms_scheduler_fires_total[1h]))", "{{outcome}}")]),
        ("Abandoned executions", "timeseries", "short", "Runs whose owner died or lost its lease (retried per policy).",
         [("sum(increase(bms_executions_abandoned_total[1h]))", "abandoned")]),
        ("Lost leases", "timeseries", "short", "Running executions whose instance lost the lease.",
         [("sum(increase(bms_executions_lease_lost_total[1h]))", "lease lost")]),
        ("Queue depth", "timeseries", "short", "Executions waiting to be claimed.",
         [("sum(bms_executions_queued)", "queued")]),
        ("Scheduler lag", "timeseries", "s", "Age of the oldest due execution not yet claimed.",
         [("max(bms_scheduler_lag_seconds)", "lag")]),
        ("Verifications by result", "timeseries", "short", "Verifications per hour by level and result.",
         [("sum by (level, result) (increase(bms_verifications_total[1h]))", "{{level}} {{result}}")]),
        ("Slow executions (over 1 h)", "stat", "percentunit", "Share of executions that took longer than one hour.",
         [("1 - sum(rate(bms_execution_duration_seconds_bucket{le=\"3600.0\"}[1d])) / sum(rate(bms_execution_duration_seconds_count[1d]))", "over 1 h")]),
    ]),
    "bms-compliance": ("bms — compliance and business", [
        ("Success rate by week", "timeseries", "percentunit", "Weekly success rate (the reference report's table 7.1).",
         [("sum(increase(bms_executions_total{status=\"SUCCEEDED\"}[7d])) / sum(increase(bms_executions_total[7d]))", "success rate")]),
        ("Executions, succeeded, failed (30 d)", "stat", "short", "Totals over 30 days.",
         [("sum(increase(bms_executions_total[30d]))", "executions"), ("sum(increase(bms_executions_total{status=\"SUCCEEDED\"}[30d]))", "succeeded"),
          ("sum(increase(bms_executions_total{status=~\"FAILED|TIMED_OUT|ABANDONED\"}[30d]))", "failed")]),
        ("Compliance per rule", "bargauge", "percentunit", "Share of jobs passing each digit of 3-2-1-1-0 (table 7.2).",
         [("sum by (rule) (bms_compliance_jobs{status=\"PASS\"}) / sum by (rule) (bms_compliance_jobs)", "{{rule}}")]),
        ("Jobs failing a rule", "table", "short", "Jobs with a FAIL or UNKNOWN verdict, per rule.",
         [("sum by (rule, status) (bms_compliance_jobs{status!=\"PASS\"})", "{{rule}} {{status}}")]),
        ("Overall compliance", "gauge", "percentunit", "Jobs that pass all five digits.",
         [("sum(bms_compliance_jobs{rule=\"overall\",status=\"PASS\"}) / sum(bms_compliance_jobs{rule=\"overall\"})", "overall")]),
        ("Acknowledgement SLA breaches", "timeseries", "short", "Alerts not acknowledged within their SLA, by severity (table 7.3).",
         [("sum by (severity) (increase(bms_alerts_sla_breaches_total[1d]))", "{{severity}}")]),
        ("Alerts raised by rule", "table", "short", "Alerts raised in the last day by rule and severity.",
         [("sum by (rule, severity) (increase(bms_alerts_raised_total[1d]))", "{{rule}} {{severity}}")]),
        ("Data protected per day", "timeseries", "bytes", "Bytes written to targets per day.",
         [("sum(increase(bms_backup_bytes_total[1d]))", "bytes")]),
    ]),
    "bms-infrastructure": ("bms — infrastructure", [
        ("Storage up", "timeseries", "bool", "1 while the instance reaches its database.",
         [("bms_storage_up", "{{instance}}")]),
        ("Cache up", "timeseries", "bool", "1 while the Redis near cache is connected (absent without Redis).",
         [("bms_cache_up", "{{instance}}")]),
        ("Cache hit ratio", "timeseries", "percentunit", "Hits over lookups of the job cache.",
         [(f"sum(rate(bms_cache_hits_total[{RATE}])) / (sum(rate(bms_cache_hits_total[{RATE}])) + sum(rate(bms_cache_misses_total[{RATE}])))", "hit ratio")]),
        ("Cache size and evictions", "timeseries", "short", "Entries held and evicted.",
         [("sum(bms_cache_size)", "size"), (f"sum(rate(bms_cache_evictions_total[{RATE}]))", "evictions/s")]),
        ("Redis errors", "timeseries", "short", "Failed Redis calls (bms answers from the local cache meanwhile).",
         [("sum(increase(bms_cache_redis_errors_total[5m]))", "errors")]),
        ("Notifier queues", "timeseries", "short", "Notifications waiting per notifier.",
         [("bms_alerts_queue_size", "{{notifier}}")]),
        ("Notification delivery", "timeseries", "short", "Delivered, failed and undeliverable notifications per hour.",
         [("sum by (notifier) (increase(bms_alerts_notified_total[1h]))", "delivered {{notifier}}"),
          ("sum by (notifier) (increase(bms_alerts_delivery_failed_total[1h]))", "failed {{notifier}}"),
          ("sum by (notifier) (increase(bms_alerts_undeliverable_total[1h]))", "undeliverable {{notifier}}")]),
        ("JVM heap used", "timeseries", "bytes", "Heap in use (JvmMemoryMetrics).",
         [("sum by (instance) (jvm_memory_used_bytes{area=\"heap\"})", "{{instance}}")]),
        ("JVM threads", "timeseries", "short", "Live threads (JvmThreadMetrics).",
         [("jvm_threads_live_threads", "{{instance}}")]),
        ("CPU", "timeseries", "percentunit", "Process and system CPU (ProcessorMetrics).",
         [("process_cpu_usage", "process {{instance}}"), ("system_cpu_usage", "system {{instance}}")]),
    ]),
}


def panel(i, title, kind, unit, desc, queries):
    w = 12 if kind in ("timeseries", "table") else 6
    return {
        "id": i + 1, "type": kind, "title": title, "description": desc, "datasource": DS,
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}} if kind == "timeseries" else {},
        "targets": [{"refId": chr(65 + j), "datasource": DS, "expr": e, "legendFormat": l} for j, (e, l) in enumerate(queries)],
        "gridPos": None, "_w": w,
    }


def layout(panels):
    x = y = row_h = 0
    for p in panels:
        w = p.pop("_w")
        h = 8 if w == 12 else 5
        if x + w > 24:
            x, y = 0, y + row_h
            row_h = 0
        p["gridPos"] = {"x": x, "y": y, "w": w, "h": h}
        x += w
        row_h = max(row_h, h)
    return panels


def dashboard(uid, title, panels):
    return {
        "uid": uid, "title": title, "tags": ["bms"], "timezone": "browser", "schemaVersion": 39, "version": 1,
        "refresh": "1m", "time": {"from": "now-24h", "to": "now"}, "editable": True,
        "templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Prometheus"}]},
        "panels": layout([panel(i, *p) for i, p in enumerate(panels)]),
    }


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    out = root / "observability" / "grafana"
    out.mkdir(parents=True, exist_ok=True)
    doc = []
    for uid, (title, panels) in DASHBOARDS.items():
        (out / f"{uid}.json").write_text(json.dumps(dashboard(uid, title, panels), indent=2) + "\n")
        doc.append(f"### {title} (`observability/grafana/{uid}.json`, {len(panels)} panels)\n")
        doc.append("| panel | what it shows | query |\n|---|---|---|")
        for (ptitle, _k, _u, desc, queries) in panels:
            q = "<br>".join("`" + e.replace("|", "\\|") + "`" for e, _ in queries)
            doc.append(f"| {ptitle} | {desc} | {q} |")
        doc.append("")
    docs = root / "docs" / "observability.md"
    text = docs.read_text()
    begin, end = "<!-- panels:begin (generated by observability/tools/dashboards.py) -->", "<!-- panels:end -->"
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    docs.write_text(head + begin + "\n\n" + "\n".join(doc) + "\n" + end + tail)


if __name__ == "__main__":
    main()
