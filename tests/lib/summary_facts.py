#!/usr/bin/python3
"""summary_facts.py FILE - the counts an English report's summary states,
as "name value" lines in the order of tests/lib/facts.c, from the HTML
page or from the PDF's text (pdftotext).  A count the summary does not
state is printed as "name ?", so that a test comparing it fails."""
import html
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
if sys.argv[1].endswith(".html"):
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
text = re.sub(r"\s+", " ", text.replace("\u00ad", ""))


def num(word):
    return {"No": 0, "no": 0, "One": 1, "one": 1}.get(word, word)


facts = {}
m = re.search(r"The report covers (\d+) milestones?", text)
facts["milestones"] = m and m.group(1)
m = re.search(r"Plan against actual as of [^:]+: (\d+) done on time, (\d+) done late, "
              r"(\d+) open and on schedule, (\d+) open and postponed, (\d+) overdue, "
              r"(\d+) cancelled\.", text)
for k, name in enumerate(["done_on_time", "done_late", "open_on_schedule",
                          "open_postponed", "overdue", "cancelled"]):
    facts[name] = m and m.group(k + 1)
m = re.search(r"Of (\d+) indicators?, (one|\d+) (?:is|are) on course for the target, "
              r"(one|\d+) (?:is|are) off course", text)
if m:
    facts["indicators"], facts["on_course"], facts["off_course"] = (
        m.group(1), num(m.group(2)), num(m.group(3)))
m = re.search(r"(No|One|\d+) targets? ha(?:s|ve) (?:already )?been reached", text)
facts["target_reached"] = m and num(m.group(1))
m = re.search(r"(No|One|\d+) indicators? (?:misses|does not reach|do not reach) (?:its|their) "
              r"targets? on the current trend", text)
facts["unreachable"] = m and num(m.group(1))
for name in ["milestones", "done_on_time", "done_late", "open_on_schedule",
             "open_postponed", "overdue", "cancelled", "indicators", "on_course",
             "off_course", "target_reached", "unreachable"]:
    v = facts.get(name)
    print(name, "?" if v is None else v)
