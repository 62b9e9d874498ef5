-- wrk: GET /api/v1/search as a logged-in analyst, rotating over varied Dutch queries (some with
-- filters); prints p50 and p95 (ms) of the latencies wrk recorded and the count of error answers.
local cookie = os.getenv("BENCH_COOKIE")
local queries = {
  "q=bedreigen",
  "q=bedreigingen%20rechter",
  "q=vuurwapen",
  "q=aanslag%20woning",
  "q=liquideren",
  "q=intimidatie%20burgemeester",
  "q=dreigbrief",
  "q=brandstichting",
  "q=explosief&kind=signal",
  "q=journalist%20bedreigd",
  "q=telegramkanaal",
  "q=ontvoering%20kinderen",
  "q=molotovcocktail",
  "q=achtervolgd",
  "q=gefotografeerd%20woning&compartment=police",
  "q=Kamerlid",
  "q=advocaat%20bedreigde",
  "q=Schiphol&kind=signal",
  "q=kenteken%20auto",
  "q=uitspraak%20liquidatieproces",
  "q=doodsbedreiging&source_grade=A",
  "q=dreigementen&from=2025-06-01&to=2025-09-30",
  "q=motorclub",
  "q=windpark",
  "q=gerechtsgebouw&info_grade=1",
  "q=vermoorden",
  "q=wethouder%20opgewacht",
  "q=geweld%20gebruikt",
  "q=Maastricht",
  "q=vuurwapens%20toegang",
}
local counter = 0
local threads = 0
function setup(thread) -- each thread starts elsewhere in the list
  threads = threads + 1
  thread:set("offset", threads * 7)
end
function init(args)
  counter = offset or 0
end
function request()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", "/api/v1/search?" .. q, { ["Cookie"] = "schild_session=" .. cookie })
end
function done(summary, latency, requests)
  io.write(string.format("search_p50 %.2f\nsearch_p95 %.2f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000))
  io.write(string.format("search_errors %d\n", summary.errors.status))
end
