-- wrk script for scripts/flood.sh: counts 5xx answers and session cookies, and makes "{n}" in the
-- path a new number on every request (a flood of distinct URLs or queries).
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  fivexx = 0
  sessions = 0
  base = wrk.path
end

function request()
  counter = counter + 1
  local path = base:gsub("{n}", id .. "x" .. counter)
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
end

function response(status, headers, body)
  if status >= 500 then fivexx = fivexx + 1 end
  for name, value in pairs(headers) do
    if name:lower() == "set-cookie" and (value:find("^SESSION=") or value:find("JSESSIONID")) then sessions = sessions + 1 end
  end
end

function done(summary, latency, requests)
  local f, s = 0, 0
  for _, thread in ipairs(threads) do
    f = f + thread:get("fivexx")
    s = s + thread:get("sessions")
  end
  io.write(string.format("FLOOD requests=%d 5xx=%d session-cookies=%d errors=%d\n",
    summary.requests, f, s, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
