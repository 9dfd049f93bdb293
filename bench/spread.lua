-- wrk script: every request picks one line at random from the file named by URLS
-- (one request per line: "/path?query" for a GET, or "POST /path body" for a form POST,
-- sent with ORIGIN as its Origin so the site takes it as its own form).
-- The lines are read once per wrk thread; no response() hook, so wrk does no per-response Lua work.

local file = os.getenv("URLS")
local origin = os.getenv("ORIGIN") or "http://127.0.0.1:8095"
local lines = {}

for line in io.lines(file) do
  if #line > 0 then lines[#lines + 1] = line end
end
if #lines == 0 then error("no URLs in " .. tostring(file)) end

local requests = {}

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  -- Pre-format up to 20,000 requests per thread (picked at random from the lines).
  local count = math.min(#lines, 20000)
  for i = 1, count do
    local line = lines[(#lines <= 20000) and i or math.random(#lines)]
    local method, path, body = line:match("^(POST) (%S+) (.*)$")
    if method then
      requests[i] = wrk.format("POST", path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["Origin"] = origin,
        ["Accept-Encoding"] = "gzip",
      }, body)
    else
      requests[i] = wrk.format("GET", line, { ["Accept-Encoding"] = "gzip" })
    end
  end
end

function request()
  return requests[math.random(#requests)]
end
