-- wrk script for scripts/bench-votes.sh: every request is the vote of a new reader (it carries
-- no voter cookie), posted from the site's own page. A browser's new reader is first sent a
-- voter cookie with a 307 and posts again with it; wrk follows no redirect, so every request
-- here is that second post as a browser refusing the cookie makes it (?voter=new, no cookie):
-- counted under a fresh voter id. So each request is one vote to count, as before.
-- Counts the acknowledged votes (303 to the poll's page, or 200 JSON) from wrk's own summary:
-- every completed request that was not an error status (4xx/5xx). There is deliberately no
-- response() hook: with one, wrk parses every response's headers into Lua tables, and that
-- work competes for the same 2 cores as the site being measured.
--
-- Environment: POLL_ID, CHOICE (an option id of that poll), ORIGIN (the site's origin),
-- ACCEPT (default text/html, the form's 303; application/json for the script's answer).

local poll = os.getenv("POLL_ID") or "1"
local choice = os.getenv("CHOICE") or "1"
local origin = os.getenv("ORIGIN") or "http://127.0.0.1:8081"
local accept = os.getenv("ACCEPT") or "text/html"

function init(args)
  wrk.method = "POST"
  wrk.path = "/polls/" .. poll .. "/votes?voter=new"
  wrk.body = "choice=" .. choice
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Origin"] = origin
  wrk.headers["Accept"] = accept
end

function done(summary, latency, requests)
  local refused = summary.errors.status
  local acked = summary.requests - refused
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT acked=%d refused=%d errors=%d seconds=%.2f votes_per_s=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    acked, refused,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    seconds, acked / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
