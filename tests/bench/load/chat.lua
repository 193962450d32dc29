-- wrk request script: the non-streaming chat completion every target receives.
-- Target-specific headers (Portkey's routing headers) are added with wrk -H.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"
wrk.body = '{"model":"' .. (os.getenv("BENCH_MODEL") or "gpt-4o-mini") ..
  '","messages":[{"role":"user","content":"Say hello in one short sentence."}],"max_tokens":16}'
