-- wrk script of bench/serve (WrkLoad): POSTs one JSON body per request, the bodies of the file given
-- after `--` (one per line) in turn, and ends with one line of JSON that WrkLoad reads.
-- Each wrk thread has a Lua state of its own; init runs in each, done once in the main one.
local requests = {}
local next_request = 0

function init(args)
  local path = args[1]
  for body in io.lines(path) do
    requests[#requests + 1] = wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
  end
  if #requests == 0 then
    error("no request bodies in " .. tostring(path))
  end
  -- Threads start at different places, as the in-JVM clients do.
  next_request = (id or 0) * 7919 -- id: set by setup
end

function setup(thread)
  setup_threads = (setup_threads or 0) + 1
  thread:set("id", setup_threads - 1)
end

function request()
  next_request = next_request + 1
  return requests[(next_request % #requests) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "wrk-result: {\"requests\": %d, \"durationUs\": %d, \"p50Us\": %d, \"p99Us\": %d, \"connect\": %d,"
      .. " \"read\": %d, \"write\": %d, \"status\": %d, \"timeout\": %d}\n",
    summary.requests, summary.duration, math.floor(latency:percentile(50)), math.floor(latency:percentile(99)),
    e.connect, e.read, e.write, e.status, e.timeout))
end
