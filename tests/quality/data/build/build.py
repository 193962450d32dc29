#!/usr/bin/env python3
"""Builds the routing-quality data from public sets: the held-out evaluation set
(tests/quality/data/eval.jsonl) and the built-in example utterances
(config/src/main/resources/routing-examples/examples.jsonl).

Deterministic (seeded); reads each source from a local git mirror of its repository at a pinned
commit: python3 build.py <mirror-root>, where <mirror-root>/<owner>+<name>/repo is a bare clone.
Labels are derived from each source's own fields by the rules in LABEL_RULES (see ../README.md).
"""
import json
import random
import subprocess
import sys
from pathlib import Path

from authored import AUTHORED
from dolly import DOLLY

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
EVAL_OUT = ROOT / "tests/quality/data/eval.jsonl"
EXAMPLES_OUT = ROOT / "config/src/main/resources/routing-examples/examples.jsonl"
SEED = 16

GSM8K = ("openai/grade-school-math", "3101c7d5072418e28b9008a6636bde82a006892c", "MIT")
CLINC = ("clinc/oos-eval", "828f8093932c8fe6ca7936c3d2e52903b1c523de", "CC-BY-3.0")
PCHAT = ("ntulsi/BotBuilder-PersonalityChat", "67174467a6d94b849c0fe2e4b5c4c2053ed9ed88", "MIT")
CONALA = ("shilliscmu/TranxConalaBaseline", "5520285387d946e826f4cc5a4a0a1bf7361355e5", "MIT")
MBPP = ("muitiiifruckt/ASE", "83fa3f7963561b898623e8ade6e017d448ddca98", "CC-BY-4.0")
MATH = ("aiwaves-cn/agents", "e8c4e3c2d19739d3dff59e577d1c97090cc15f59", "MIT")

CLINC_GROUPS = {
    "conversation": ["greeting", "goodbye", "thank_you", "tell_joke", "how_old_are_you", "what_is_your_name",
                     "are_you_a_bot", "what_are_your_hobbies", "where_are_you_from", "who_made_you",
                     "do_you_have_pets", "who_do_you_work_for", "meaning_of_life", "fun_fact", "what_can_i_ask_you"],
    "tools": ["weather", "alarm", "reminder", "reminder_update", "timer", "book_flight", "book_hotel",
              "calendar_update", "text", "make_call", "share_location", "todo_list_update", "shopping_list_update",
              "play_music", "uber", "restaurant_reservation", "pay_bill", "transfer", "exchange_rate", "flight_status",
              "traffic", "schedule_meeting", "smart_home", "order_status", "balance", "directions", "car_rental",
              "update_playlist", "find_phone"],
    "general": ["definition", "recipe", "nutrition_info", "calories", "cook_time", "ingredient_substitution",
                "travel_suggestion", "improve_credit_score", "oil_change_how", "jump_start", "tire_change", "vaccines",
                "plug_type", "international_visa", "meal_suggestion", "food_last", "translate", "spelling",
                "carry_on", "measurement_conversion"],
}


def show(mirror_root, repo, commit, path):
    git_dir = Path(mirror_root) / repo.replace("/", "+") / "repo"
    return subprocess.check_output(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"]).decode("utf-8")


def record(prefix, text, category, tier, source, label):
    return {"id": prefix, "text": text.strip(), "category": category, "tier": tier, "source": source, "label": label}


def source(dataset, repo_commit_licence, path, row, original=None):
    repo, commit, licence = repo_commit_licence
    s = {"dataset": dataset, "licence": licence, "repository": repo, "commit": commit, "path": path, "row": row}
    if original:
        s["original"] = original
    return s


def split(rows, n_eval, n_examples, rng):
    rows = list(rows)
    rng.shuffle(rows)
    return rows[:n_eval], rows[n_eval:n_eval + n_examples]


def gsm8k(mirror, rng):
    path = "grade_school_math/data/train.jsonl"
    lines = show(mirror, GSM8K[0], GSM8K[1], path).splitlines()
    by_tier = {"mid": [], "standard": []}
    for i, line in enumerate(lines):
        row = json.loads(line)
        steps = len(row["answer"].split("####")[0].strip().splitlines())
        tier = "mid" if steps <= 3 else "standard" if steps >= 5 else None
        if tier:
            by_tier[tier].append((i, row["question"], steps))
    out = {"eval": [], "examples": []}
    for tier, rows in by_tier.items():
        ev, ex = split(rows, 20, 10, rng)
        for part, chosen in (("eval", ev), ("examples", ex)):
            for i, q, steps in chosen:
                out[part].append(record(f"gsm8k-train-{i}", q, "reasoning", tier,
                                        source("GSM8K train split", GSM8K, path, i),
                                        f"GSM8K train -> reasoning; {steps} solution steps -> {tier} (<=3 mid, >=5 standard)"))
    return out


def math_train(mirror, rng):
    repo, commit, _ = MATH
    git_dir = Path(mirror) / repo.replace("/", "+") / "repo"
    names = subprocess.check_output(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "--name-only", commit,
                                     "src/agents/datasets/data/math/train/"]).decode().split()
    rng.shuffle(names)
    want = {"premium": (18, 12), "standard": (10, 6)}
    picked = {"premium": [], "standard": []}
    for name in names:
        if all(len(picked[t]) >= sum(want[t]) for t in want):
            break
        row = json.loads(show(mirror, repo, commit, name))
        level = row["level"]
        tier = "premium" if level == "Level 5" else "standard" if level in ("Level 1", "Level 2") else None
        if not tier or len(picked[tier]) >= sum(want[tier]) or "[asy]" in row["problem"] or len(row["problem"]) > 700:
            continue
        picked[tier].append((name, row))
    out = {"eval": [], "examples": []}
    for tier, rows in picked.items():
        n_eval = want[tier][0]
        for k, (name, row) in enumerate(rows):
            part = "eval" if k < n_eval else "examples"
            rel = name.split("math/train/")[1]
            out[part].append(record(f"math-train-{rel.replace('/', '-').replace('.json', '')}", row["problem"],
                                    "reasoning", tier,
                                    source("MATH (Hendrycks et al.) train split", MATH, name, rel,
                                           "hendrycks/math, MATH/train/" + rel),
                                    f"MATH train -> reasoning; {row['level']} ({row['type']}) -> {tier}"
                                    " (Level 5 premium, Level 1-2 standard)"))
    return out


def mbpp(mirror, rng):
    path = "mbpp.jsonl"
    rows = [json.loads(l) for l in show(mirror, MBPP[0], MBPP[1], path).splitlines() if l.strip()]
    train = [r for r in rows if 601 <= r["task_id"] <= 974]  # 11-510 is the test split, 511-600 validation
    ev, ex = split(train, 30, 15, rng)
    out = {"eval": [], "examples": []}
    for part, chosen in (("eval", ev), ("examples", ex)):
        for r in chosen:
            text = r["text"] + "\nYour code should pass this test:\n" + r["test_list"][0]
            out[part].append(record(f"mbpp-train-{r['task_id']}", text, "code", "standard",
                                    source("MBPP train split (task_id 601-974)", MBPP, path, f"task_id={r['task_id']}",
                                           "google-research/google-research, mbpp/mbpp.jsonl"),
                                    "MBPP train -> code/standard (write a function that passes a test)"))
    return out


def conala(mirror, rng):
    path = "conala-train.json"
    rows = json.loads(show(mirror, CONALA[0], CONALA[1], path))
    usable = [(i, r) for i, r in enumerate(rows) if len(r["intent"].split()) >= 4]
    ev, ex = split(usable, 35, 15, rng)
    out = {"eval": [], "examples": []}
    for part, chosen in (("eval", ev), ("examples", ex)):
        for i, r in chosen:
            out[part].append(record(f"conala-train-{r['question_id']}", r["intent"], "code", "mid",
                                    source("CoNaLa curated train split", CONALA, path,
                                           f"[{i}] question_id={r['question_id']}", "neulab/conala (curated train)"),
                                    "CoNaLa intent (a Stack Overflow question title about Python) -> code/mid"))
    return out


def clinc(mirror, rng):
    path = "data/data_full.json"
    train = json.loads(show(mirror, CLINC[0], CLINC[1], path))["train"]
    counts = {"conversation": (40, 15), "tools": (50, 25), "general": (30, 20)}
    out = {"eval": [], "examples": []}
    for category, intents in CLINC_GROUPS.items():
        per_intent = {intent: [] for intent in intents}
        for i, (text, intent) in enumerate(train):
            if intent in per_intent and len(text.split()) >= 2:
                per_intent[intent].append((i, text, intent))
        for rows in per_intent.values():
            rng.shuffle(rows)
        n_eval, n_ex = counts[category]
        order = [row for group in zip(*per_intent.values()) for row in group]  # round-robin over intents
        for k, (i, text, intent) in enumerate(order[:n_eval + n_ex]):
            part = "eval" if k < n_eval else "examples"
            out[part].append(record(f"clinc-train-{i}", text, category, "budget",
                                    source("CLINC150 train split", CLINC, path, f"train[{i}]"),
                                    f"CLINC intent {intent} -> {category}/budget (one short request)"))
    return out


def personality_chat(mirror, rng):
    files = ["CSharp/Datasets/Queries_Responses_Friendly_QnAMaker.tsv",
             "CSharp/Datasets/Queries_Responses_Humorous_QnAMaker.tsv",
             "CSharp/Datasets/Queries_Responses_Professional_QnAMaker.tsv"]
    seen, rows = set(), []
    for path in files:
        for n, line in enumerate(show(mirror, PCHAT[0], PCHAT[1], path).splitlines()[1:], start=2):
            parts = line.split("\t")
            if len(parts) < 3 or "Criticism_Abusive" in parts[2]:
                continue
            q = parts[0].strip()
            if q.lower() in seen or not q:
                continue
            seen.add(q.lower())
            rows.append((path, n, q, parts[2].strip()))
    ev, ex = split(rows, 25, 15, rng)
    out = {"eval": [], "examples": []}
    for part, chosen in (("eval", ev), ("examples", ex)):
        for path, n, q, scenario in chosen:
            out[part].append(record(f"pchat-{Path(path).stem.split('_')[2].lower()}-{n}", q, "conversation", "budget",
                                    source("Microsoft Personality Chat small-talk queries", PCHAT, path, f"line {n}",
                                           "microsoft/BotBuilder-PersonalityChat"),
                                    f"small-talk query ({scenario}) -> conversation/budget"))
    return out


def dolly():
    repo = ("yogarajjsoshua/FlaskApplication", "4c2abb4c0fcd0bae0398a89bd4d1e986064ccdcf", "CC-BY-SA-3.0")
    out = {"eval": [], "examples": []}
    for row, cat, text in DOLLY:
        tier = "budget" if cat in ("open_qa", "classification") else "mid"
        out["eval"].append(record(f"dolly-{row}", text, "general", tier,
                                  source("databricks-dolly-15k", repo, "databricks-dolly-15k.jsonl", row,
                                         "databricks/databricks-dolly-15k"),
                                  f"Dolly category {cat} -> general/{tier} (open_qa, classification budget;"
                                  " brainstorming, general_qa mid)"))
    return out


def authored():
    out = {"eval": [], "examples": []}
    for (category, tier, part), texts in AUTHORED.items():
        for k, text in enumerate(texts):
            out[part].append(record(f"authored-{category}-{tier}-{part}-{k}", text, category, tier,
                                    {"dataset": "written by the Switchboard project", "licence": "project",
                                     "path": "tests/quality/data/build/authored.py"},
                                    f"written as a {category}/{tier} prompt"))
    return out


def main(mirror):
    rng = random.Random(SEED)
    parts = [gsm8k(mirror, rng), math_train(mirror, rng), mbpp(mirror, rng), conala(mirror, rng),
             clinc(mirror, rng), personality_chat(mirror, rng), dolly(), authored()]
    ev = [r for p in parts for r in p["eval"]]
    ex = [r for p in parts for r in p["examples"]]
    assert not {r["text"] for r in ev} & {r["text"] for r in ex}, "an example is also an eval prompt"
    assert len({r["id"] for r in ev + ex}) == len(ev + ex), "duplicate ids"
    for path, rows in ((EVAL_OUT, ev), (EXAMPLES_OUT, ex)):
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name, rows in (("eval", ev), ("examples", ex)):
        cats, tiers = {}, {}
        for r in rows:
            cats[r["category"]] = cats.get(r["category"], 0) + 1
            tiers[r["tier"]] = tiers.get(r["tier"], 0) + 1
        print(name, len(rows), cats, tiers)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror")
