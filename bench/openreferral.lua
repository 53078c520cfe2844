-- wrk script: rotates through Open Referral feed requests a consumer makes:
-- whole pages, a search, a taxonomy filter, an incremental sync, deep pages.
local queries = {
  "/openreferral/v3/services",
  "/openreferral/v3/services?page=37",
  "/openreferral/v3/services?search=leeds",
  "/openreferral/v3/services?per_page=100&page=5",
  "/openreferral/v3/services?modified_after=2026-01-01&page=200",
  "/openreferral/v3/services?search=recovery+college&page=2",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end
