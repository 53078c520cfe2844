-- wrk script: rotates through directory searches a person might type.
local queries = {
  "/api/colleges?q=leeds",
  "/api/colleges?q=recovery+bern",
  "/api/colleges?q=hope",
  "/api/colleges?q=tokyo+12",
  "/api/colleges?q=wellbeing&country=GB",
  "/api/colleges?q=zzz",
  "/api/colleges?q=college&delivery=online&page=3",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end
