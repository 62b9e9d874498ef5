-- wrk: audited GET /api/v1/cases/{id} over random visible cases (ids 1..BENCH_CASES).
local cases = tonumber(os.getenv("BENCH_CASES") or "50000")
local cookie = os.getenv("BENCH_COOKIE")
math.randomseed(20261128)
request = function()
  local id = math.random(1, cases)
  return wrk.format("GET", "/api/v1/cases/" .. id, { ["Cookie"] = "schild_session=" .. cookie })
end
