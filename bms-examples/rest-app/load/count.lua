-- wrk script: sends the API key, counts non-2xx answers, and prints one RESULT line with the
-- request count, duration, p50/p95/p99 latency (microseconds) and non-2xx count. With
-- BODY_NAME_ROOT set, each request is a POST /api/jobs creating a job with a unique name.
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  count = 0
  non2xx = 0
  key = os.getenv("API_KEY")
  root = os.getenv("BODY_NAME_ROOT")
  run = os.getenv("RUN_ID") or "0"
  sent = 0
end

function request()
  sent = sent + 1
  if root ~= nil and root ~= "" then
    local body = string.format(
      '{"name":"load-%s-%d-%d","labels":{"team":"load"},"copies":[{"name":"nas","targetType":"filesystem","config":{"root":"%s"}}],"rpo":"PT26H"}',
      run, tid, sent, root)
    return wrk.format("POST", "/api/jobs", {["Content-Type"] = "application/json", ["X-API-Key"] = key}, body)
  end
  return wrk.format(nil, nil, {["X-API-Key"] = key})
end

function response(status, headers, body)
  count = count + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
  end
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
