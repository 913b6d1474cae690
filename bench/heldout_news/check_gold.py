"""Verify gold.json against docs/: offsets, groups, counts, and report uncovered numerals."""

import json, re, hashlib, os

os.chdir(os.path.dirname(os.path.abspath(__file__)))
g = json.load(open("gold.json"))
texts = {d["file"]: open(os.path.join("docs", d["file"]), encoding="utf-8").read() for d in g["documents"]}
err = 0
for d in g["documents"]:
    raw = open(os.path.join("docs", d["file"]), "rb").read()
    assert (
        d["sha256"] == hashlib.sha256(raw).hexdigest()
        and d["bytes"] == len(raw)
        and d["chars"] == len(texts[d["file"]])
    )
    assert d["n_claims"] == sum(c["doc"] == d["file"] for c in g["claims"])
    secs = d["sections"]
    assert secs[0]["start"] == 0 and secs[-1]["end"] == d["chars"]
    assert all(a["end"] == b["start"] for a, b in zip(secs, secs[1:]))
for c in g["claims"] + g["non_claims"]:
    if texts[c["doc"]][c["start"] : c["end"]] != c["surface"]:
        print("OFFSET", c)
        err += 1
ids = {c["id"]: c for c in g["claims"]}
assert len(ids) == len(g["claims"])
seen = set()
for gr in g["groups"]:
    for m in gr["members"]:
        c = ids[m["claim_id"]]
        assert (c["doc"], c["surface"], c["start"]) == (m["doc"], m["surface"], m["start"]), m
        assert m["claim_id"] not in seen, ("claim in two groups", m)
        seen.add(m["claim_id"])
    docs = {m["doc"] for m in gr["members"]}
    assert gr["scope"] == ("cross_document" if len(docs) > 1 else "within_document")
for x in g["distractors"]:
    for r in (x["a"], x["b"]):
        c = ids[r["claim_id"]]
        assert (c["doc"], c["surface"], c["start"]) == (r["doc"], r["surface"], r["start"])
# overlaps between spans
spans = {}
for c in g["claims"] + g["non_claims"]:
    spans.setdefault(c["doc"], []).append((c["start"], c["end"], c["surface"]))
for doc, ss in spans.items():
    ss.sort()
    for a, b in zip(ss, ss[1:]):
        if b[0] < a[1]:
            print("OVERLAP", doc, a, b)
            err += 1
cnt = g["counts"]
assert (
    cnt["claims"] == len(g["claims"])
    and cnt["non_claims"] == len(g["non_claims"])
    and cnt["distractors"] == len(g["distractors"])
)
assert cnt["cross_document_groups"] == sum(x["scope"] == "cross_document" for x in g["groups"])
assert cnt["within_document_groups"] == sum(x["scope"] == "within_document" for x in g["groups"])
assert cnt["claims_optional"] == sum(c["optional"] for c in g["claims"])
# uncovered numerals
W = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|halved|third|quarter|double|first|second|fourth|fifth|sixth|seventh|eighth|ninth|tenth|single|twice|triple"
pat = re.compile(r"\d+|\b(?:%s)\b" % W, re.I)
for doc, t in texts.items():
    for m in pat.finditer(t):
        if not any(s <= m.start() < e for s, e, _ in spans.get(doc, [])):
            print("UNCOVERED", doc, repr(t[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")))
print("errors", err)
