-- wrk script: rotates through place searches as people type them.
local queries = {
  "/api/places?q=l", "/api/places?q=le", "/api/places?q=lee", "/api/places?q=leeds",
  "/api/places?q=g%C3%BCt", "/api/places?q=stutt", "/api/places?q=new", "/api/places?q=qqq",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end
