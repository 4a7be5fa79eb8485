-- recordService as in record-service.lua, counting answers that are not a clean success: a "database is locked"
-- comes back as HTTP 200 with an INTERNAL_SERVER_ERROR in the body, so wrk's status count alone would miss it.
dofile("build/bench/record-service.lua")

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init() failed = 0 end
function response(status, headers, body)
  if status ~= 200 or not body:find('"errors":%[%]') then failed = failed + 1 end
end
function done()
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failed") end
  io.write(string.format("failed answers: %d\n", total))
end
