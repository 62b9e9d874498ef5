-- wrk: durable referral writes, POST /api/v1/cases as a referrer (cookie + CSRF token).
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
wrk.method = "POST"
wrk.headers["Cookie"] = "schild_session=" .. cookie
wrk.headers["X-CSRF-Token"] = csrf
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"summary":"Dreigbrief ontvangen na uitspraak","phenomenon":"organised_crime",' ..
  '"urgent":false,"persons":[{"given_names":"Jan","surname_prefix":"van der",' ..
  '"surname":"Berg","date_of_birth":"1971-03-14","function":"rechter"}]}'

