"""Rows of databricks-dolly-15k (CC BY-SA 3.0, Databricks) used in the evaluation set only.

Read from a copy of the original file (repository yogarajjsoshua/FlaskApplication, path
databricks-dolly-15k.jsonl, commit 4c2abb4c0fcd0bae0398a89bd4d1e986064ccdcf; the rows are in the
order of the original release, row = 0-based line number). Only rows with an empty `context` are used,
so the instruction is the whole prompt. The instruction text is copied unchanged.
"""

DOLLY = [
    (1, "classification", "Which is a species of fish? Tope or Rope"),
    (2, "open_qa", "Why can camels survive for long without water?"),
    (3, "open_qa", "Alice's parents have three daughters: Amy, Jessy, and what\u2019s the name of the third daughter?"),
    (7, "open_qa", "Who gave the UN the land in NY to build their HQ"),
    (8, "brainstorming", "Why mobile is bad for human"),
    (13, "open_qa", "What is a polygon?"),
    (14, "general_qa", "How do I start running?"),
    (15, "open_qa", "Which episodes of season four of Game of Thrones did Michelle MacLaren direct?"),
    (17, "brainstorming", "What are some unique curtain tie backs that you can make yourself?"),
    (19, "classification", "Identify which instrument is string or percussion: Cantaro, Gudok"),
    (20, "brainstorming", "Give me the top 5 golf equipment company names."),
    (21, "open_qa", "What individual has won the most Olympic gold medals in the history of the games?"),
    (22, "open_qa", "Which Dutch artist painted \u201cGirl with a Pearl Earring\u201d?"),
    (23, "open_qa", "What happens when the sun goes down?"),
    (24, "open_qa", "What is a verb?"),
    (26, "classification", "Which of the following is useful for transportation: a glass of wine, a lamp, a train, an iced cube tray, a plane, a bicycle, an apple and a scooter."),
    (27, "classification", "Identify which instrument is string or woodwind: Panduri, Zurna"),
    (29, "open_qa", "Who became king of Holland in 1806?"),
    (30, "general_qa", "What is best Playstation or Xbox"),
    (31, "open_qa", "Who played Billy the Kid in The Left Handed Gun"),
    (32, "open_qa", "why did Syd Barrett left the Pink Floyd?"),
    (33, "general_qa", "what is REST API"),
]
