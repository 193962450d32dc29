"""Prompts written by the Switchboard project for the routing-quality data (licence: the project's).

Public sets hold few hard engineering prompts, multi-step tool requests or longer personal chats, so
these fill those cells. Each list is (category, tier, split) -> prompts; eval and examples never share
a prompt.
"""

AUTHORED = {
    ("code", "premium", "eval"): [
        "Our Java service uses a ConcurrentHashMap<String, List<Order>> and computeIfAbsent to append orders per customer from 32 threads. Under load some orders disappear and occasionally we see ConcurrentModificationException while serialising the map. Find every race in this design, explain the memory-model reasons, and rewrite it so appends are lock-free or at least contention-bounded, with a test that reproduces the bug.",
        "Design a rate limiter for a multi-region API gateway: 50k requests/s per region, limits per API key that must hold globally within 5%, tolerate a region partition for 10 minutes, and add at most 1 ms p99. Compare token bucket with local quotas vs. a sliding window in Redis vs. CRDT counters, pick one, and give the data structures, the sync protocol and the failure behaviour.",
        "I have a Rust async service on tokio where a Mutex guard is held across an .await inside a loop that also spawns tasks; after a few hours p99 latency jumps to seconds and tokio-console shows tasks starving. Explain what is going on, how to prove it, and refactor the code so no lock crosses an await while keeping the per-account ordering guarantee.",
        "Write a lock-free single-producer single-consumer ring buffer in C++20 with std::atomic, cache-line padding and correct memory orderings (explain each acquire/release), plus a benchmark harness and a ThreadSanitizer-clean stress test.",
        "Our Postgres query joining orders (400M rows), order_items and customers with a window function for running totals went from 2 s to 90 s after upgrading from 13 to 16. Here is the EXPLAIN ANALYZE of both versions. Work out which planner change caused the regression, and propose indexes, statistics targets or query rewrites that bring it back without pinning plans.",
        "Implement a Raft log replication module in Go: leader election with randomized timeouts, AppendEntries with the consistency check and conflict backtracking, commit index advancement only for current-term entries, and snapshotting. Include the tricky cases (figure 8 of the paper) as tests.",
        "Migrate a 300k-line Python 2.7 Django monolith to Python 3.12 and Django 5 with zero downtime. The app uses pickled objects in Redis, MySQL with latin1 columns, and custom middleware relying on old-style classes. Lay out the migration plan, the tooling, the data-encoding pitfalls and how to run both versions side by side during the switch.",
        "Write a parser and type checker for a small ML-like language with let-polymorphism (Hindley-Milner with algorithm W), algebraic data types and pattern matching exhaustiveness checks, in TypeScript, with good error messages that point at source spans.",
        "Our Kubernetes pods get OOMKilled even though the JVM heap is capped at 60% of the container limit. Native memory tracking shows growth in 'Other' and thread stacks; we use Netty with direct buffers and gRPC. Explain all the native memory consumers, how to measure each one, and what JVM and Netty flags keep the RSS under the limit.",
        "Given this CUDA kernel for a 4096x4096 matrix multiplication that reaches only 15% of peak, rewrite it with shared-memory tiling, register blocking and vectorized loads, explain the occupancy and bank-conflict trade-offs, and estimate the achievable TFLOPS on an A100.",
        "Build an event-sourced order system where commands are validated against aggregates, events are stored in Postgres with optimistic concurrency, projections are rebuilt idempotently, and schema changes of events are handled by upcasters. Give the Kotlin code for the core and explain how to guarantee exactly-once projection updates.",
        "Find the bug: our B+tree implementation in C passes unit tests but corrupts the index when a delete causes a merge of two leaves while a concurrent range scan holds a cursor on the right sibling. Describe a latch-coupling or B-link protocol that fixes it, and prove that scans never skip or repeat keys.",
    ],
    ("code", "premium", "examples"): [
        "Design and implement a distributed job scheduler in Java that guarantees each job runs at most once per schedule across a cluster of nodes that can crash or be partitioned; explain the lease protocol and its failure cases.",
        "Profile and optimise a Python data pipeline that processes 200 GB of Parquet per day with pandas and runs out of memory; rewrite the hot parts with Arrow or Polars and justify every change with measurements.",
        "Write a garbage collector for a toy Lisp interpreter in C: mark-and-sweep first, then an incremental tri-colour version with a write barrier, and explain why the barrier keeps the invariant.",
        "Our microservices show a slow memory leak only in production; heap dumps point at a ThreadLocal holding class loaders after hot redeploys. Explain the mechanism and fix it in the framework code without breaking request context propagation.",
        "Implement a consistent-hashing load balancer with bounded loads in Go, prove the bound on the maximum load, and write property-based tests for rebalancing when nodes join and leave.",
    ],
    ("general", "premium", "eval"): [
        "Draft a 2,000-word policy memo for a mid-sized city council weighing congestion pricing against expanded bus rapid transit: model the revenue, equity effects on low-income commuters, political feasibility and the evidence from London, Stockholm and Singapore, and end with a staged recommendation and the metrics that would trigger each stage.",
        "Compare the legal exposure of a European SaaS company that trains models on customer support tickets under GDPR, the EU AI Act and the Data Act; identify which lawful bases could apply, what the DPIA must cover, and draft the contract clauses and the customer notice.",
        "Our startup has 14 months of runway, 9% monthly revenue growth, a 7% monthly churn and a competitor that just raised 40M. Build the scenarios (cut burn, raise a bridge, pivot to enterprise), quantify each with assumptions, and recommend one with the risks the board should watch.",
        "Write a critical literature review of the evidence on whether remote work lowers productivity: separate the randomized studies from the observational ones, explain the selection effects, reconcile the contradictory findings and say what a well-designed study would look like.",
        "Prepare a detailed due-diligence checklist and risk assessment for acquiring a family-owned manufacturing firm in Germany with 250 employees, a works council, pension obligations and a single customer making up 40% of revenue.",
        "Analyse the causes of the 2008 financial crisis across mortgage origination, securitisation, ratings, leverage and regulation, weigh the competing explanations, and argue which reforms since then address the root causes and which do not.",
        "Design a six-month curriculum to take a team of 12 backend engineers to production competence in machine learning, with weekly goals, projects, assessment rubrics, the trade-offs between depth and breadth, and how to measure whether it worked.",
        "Write a structured argument for and against a four-day work week in a hospital setting, covering staffing models, patient safety data, labour law, cost and retention, and conclude with a pilot design that could settle the question.",
    ],
    ("general", "premium", "examples"): [
        "Write a board-level strategy document assessing whether a regional bank should build, buy or partner for a digital lending platform, with a financial model, regulatory constraints and an execution roadmap.",
        "Produce a comprehensive comparison of carbon pricing mechanisms (taxes, cap-and-trade, border adjustments) with evidence from three jurisdictions, distributional effects and a recommendation for a small open economy.",
        "Draft a detailed research proposal, including hypotheses, methods, sampling, ethics and budget, for studying the long-term effects of social media use on adolescent sleep.",
        "Assess the geopolitical and supply-chain risks of concentrating semiconductor fabrication in East Asia, model three disruption scenarios and recommend a hedging strategy for a European carmaker.",
        "Write a thorough analysis of a company's 10-K: revenue quality, accounting red flags, cash conversion and competitive position, and conclude with an investment thesis and its main risks.",
    ],
    ("tools", "standard", "eval"): [
        "Find me a flight from Boston to Lisbon leaving next Friday evening under $900, then book the cheapest one with a window seat and add it to my calendar with a reminder the day before.",
        "Check the weather in Denver for Saturday and if it's not raining, reserve a table for four at an Italian place downtown at 7pm and text the confirmation to Maria.",
        "Look up the current EUR to USD exchange rate, convert my last three invoices from euros, and email the totals to accounting@ourfirm.example.",
        "Search my inbox for the contract PDF from Acme sent last month, extract the renewal date, and create a calendar event two weeks before it.",
        "Get the stock prices of AAPL, MSFT and NVDA at market close today and update the 'Portfolio' spreadsheet, then notify me on Slack if any moved more than 3%.",
        "Create a Jira ticket for the login outage, assign it to the on-call engineer from PagerDuty, and post the ticket link in the #incidents channel.",
        "Pull yesterday's sales from the Shopify API, compare them with the same day last week, and send a short summary to the team chat.",
        "Schedule a 30-minute meeting with Priya and Tom next week when all three of us are free, and attach the Q3 planning doc to the invite.",
        "Track my package with UPS tracking number 1Z999AA10123456784 and, if it's delayed, open a support chat and request a refund of the shipping fee.",
        "Turn off all the lights downstairs, set the thermostat to 19 degrees, and arm the alarm at 11pm every night this week.",
        "Search the web for the latest release notes of PostgreSQL, summarise the breaking changes, and save the summary to my notes app.",
        "Find three hotels near the conference venue in Berlin under 150 euros a night with free cancellation, and hold the best-rated one for the 12th to the 15th.",
    ],
    ("tools", "standard", "examples"): [
        "Book a rental car at the Seattle airport for Thursday to Sunday, the cheapest automatic, and put the pickup details in my calendar.",
        "Look up tomorrow's forecast for Chicago and, if it will snow, move my 9am meeting to a video call and notify the attendees.",
        "Fetch the open pull requests in our repo that have been waiting more than three days and post the list to the team channel.",
        "Find a dentist near me with an opening this week, book the earliest slot, and set a reminder an hour before.",
        "Check my bank balance, pay the electricity bill if there is enough money, and send me the receipt by email.",
    ],
    ("conversation", "mid", "eval"): [
        "I just moved to a new city for work and I don't know anyone here. Some evenings feel really lonely. Can we just talk for a bit?",
        "My dog died last week and I keep expecting him at the door when I come home. I don't really want advice, I just miss him.",
        "I got the job! I can't believe it, I've been applying for eight months. I had to tell someone, my family is asleep.",
        "Honestly I'm a bit nervous about my first day tomorrow. What do you usually say to someone in my shoes?",
        "Tell me something about yourself. Do you ever get bored of answering questions all day?",
        "I had an argument with my best friend and now we're not talking. I'm not sure who was wrong. Can I tell you what happened?",
        "It's my birthday today and nobody remembered. Kind of a weird day. How's your day going?",
        "I'm trying to be more positive this year. Can you cheer me up with a bit of small talk before I start work?",
    ],
    ("general", "budget", "examples"): [
        "What is the capital of Australia?",
        "How many ounces are in a pound?",
        "Who wrote Pride and Prejudice?",
        "What does a barometer measure?",
        "Is a tomato a fruit or a vegetable?",
    ],
}
