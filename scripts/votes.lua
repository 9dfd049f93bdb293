-- wrk script for scripts/bench-votes.sh: every request is the vote of a new reader (it carries
-- no voter cookie, so the site gives it a fresh voter id), posted from the site's own page.
-- Counts the acknowledged votes (303 to the poll's page, or 200 JSON) across wrk's threads.
--
-- Environment: POLL_ID, CHOICE (an option id of that poll), ORIGIN (the site's origin).

local poll = os.getenv("POLL_ID") or "1"
local choice = os.getenv("CHOICE") or "1"
local origin = os.getenv("ORIGIN") or "http://127.0.0.1:8081"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  acked = 0
  refused = 0
  wrk.method = "POST"
  wrk.path = "/polls/" .. poll .. "/votes"
  wrk.body = "choice=" .. choice
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Origin"] = origin
  wrk.headers["Accept"] = "text/html"
end

function response(status, headers, body)
  if status == 303 or status == 200 then
    acked = acked + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_acked, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_acked = total_acked + thread:get("acked")
    total_refused = total_refused + thread:get("refused")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT acked=%d refused=%d errors=%d seconds=%.2f votes_per_s=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    total_acked, total_refused,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    seconds, total_acked / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
