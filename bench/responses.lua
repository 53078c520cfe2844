-- wrk script: POSTs survey responses, each with a new id, as phones would.
local counter = 0
local prefix = "00000000"

init = function(args)
  -- A distinct id prefix per thread: the address of a fresh table differs.
  local seed = tonumber(tostring({}):match("0x(%x+)"), 16) or os.time()
  math.randomseed(seed)
  prefix = string.format("%08x", math.random(0, 0x7fffffff))
end

request = function()
  counter = counter + 1
  local id = string.format("%s-0000-4000-8000-%012x", prefix, counter)
  local body = '{"id":"' .. id .. '","survey":"course-feedback","version":1,' ..
    '"college":"recovery-college-bern","language":"en",' ..
    '"answers":{"fft":"good","learned_useful":"agree","went_well":"The peer tutor shared their own story."}}'
  return wrk.format("POST", "/api/responses", { ["Content-Type"] = "application/json" }, body)
end
