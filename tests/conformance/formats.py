"""Real parsers read the service's other media types: Python's `icalendar` reads the plan as
iCalendar and the standard library's `email` reads a rendered draft.

usage: formats.py BASE_URL   (exit 0 when every check holds)
"""
import email
import email.policy
import json
import sys
import urllib.request

import icalendar

base = sys.argv[1]
failures = []


def check(condition, message):
    print(("  ok    " if condition else "  FAIL  ") + message)
    if not condition:
        failures.append(message)


def get(path, accept):
    request = urllib.request.Request(base + path, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


plan_path = "/v1/plan?interview_date=2026-12-01&decision_expected_by=2026-12-10"
_, plan_json = get(plan_path, "application/json")
plan = json.loads(plan_json)
headers, first = get(plan_path, "text/calendar")
_, second = get(plan_path, "text/calendar")
check(headers.get("Content-Type", "").startswith("text/calendar"), "the plan answers text/calendar when asked")
calendar = icalendar.Calendar.from_ical(first)
events = calendar.walk("VEVENT")
steps = plan["steps"]
check(len(events) == len(steps), f"one event per step ({len(events)} events, {len(steps)} steps)")
check(
    [str(event.decoded("DTSTART")) for event in events] == [step["date"] for step in steps],
    "every event starts on its step's date",
)
check(all(event.get("SUMMARY") and event.get("UID") and event.get("DTSTAMP") for event in events),
      "every event has a summary, a UID and a DTSTAMP")
uids = [str(event["UID"]) for event in events]
again = [str(event["UID"]) for event in icalendar.Calendar.from_ical(second).walk("VEVENT")]
check(uids == again and len(set(uids)) == len(uids), "UIDs are unique and stable across requests")
acting = [bool(step["step"]["templates"]) for step in steps]
alarms = [bool(event.walk("VALARM")) for event in events]
check(acting == alarms and any(alarms), "a reminder exactly on the steps that send an email")

body = json.dumps({
    "to": "dana@example.com",
    "variables": {"interviewer_name": "Dana Whitfield", "job_title": "Senior Data Analyst",
                  "company_name": "Northwind Logistics", "specific_topic": "route forecasting",
                  "candidate_name": "Jordan Lee"},
}).encode()
request = urllib.request.Request(base + "/v1/templates/thank-you-after-second-interview/render", data=body,
                                 headers={"Accept": "message/rfc822", "Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=10) as response:
    content_type = response.headers.get("Content-Type", "")
    message = email.message_from_bytes(response.read(), policy=email.policy.default)
check(content_type == "message/rfc822", "the render answers message/rfc822 when asked")
check(message["Subject"] == "Thank you - Senior Data Analyst interview at Northwind Logistics", "Subject header")
check(message["To"] == "dana@example.com", "To header")
check(message["X-Unsent"] == "1", "marked as an unsent draft")
plain, html = message.get_body(("plain",)), message.get_body(("html",))
check(plain is not None and "Dear Dana Whitfield" in plain.get_content(), "a text/plain part with the note")
check(html is not None and "<p>Dear Dana Whitfield,</p>" in html.get_content(), "a text/html part with the note")
check(not message.defects, f"no MIME defects ({message.defects})")

sys.exit(1 if failures else 0)
