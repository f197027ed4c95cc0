"""A one-page card of the week, to print for a talk without screens.

Plain text for any printer, Markdown for any converter. Both hold the same
things: the dates and the talk's time, the focus and its practices, the agenda
with minutes, the questions, open notes, and room to write.
"""

from __future__ import annotations

import textwrap

from reconnect_cli.models import WeekPlan
from reconnect_cli.visible import visible_controls

WIDTH = 72
WRITING_LINES = 6


def _when(plan: WeekPlan) -> str:
    start, end = plan.slot.start, plan.slot.end
    if plan.slot.skipped:
        return "No talk this week (skipped)"
    return (
        f"Talk: {start:%A} {start.day} {start:%B}, {start:%H:%M}–{end:%H:%M} "
        f"({plan.slot.minutes} minutes)"
    )


def _title(plan: WeekPlan) -> str:
    start, end = plan.week_start, plan.week_end
    return f"Our week: {start:%a} {start.day} {start:%b} – {end:%a} {end.day} {end:%b %Y}"


def as_text(plan: WeekPlan) -> str:
    def wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
        return textwrap.wrap(
            text,
            WIDTH,
            initial_indent=first if first is not None else indent,
            subsequent_indent=indent,
        )

    title = _title(plan)
    lines = [title, "=" * len(title), _when(plan), ""]
    lines.append("IN FOCUS")
    for focus in plan.focus:
        lines.append(f"  {focus.number}. {focus.title}")
        for practice in focus.practices:
            lines += wrap(practice, indent="       ", first="     - ")
    lines += ["", "THE TALK"]
    for step in plan.agenda:
        lines.append(f"  [ ] {step.minutes:>2} min  {step.title}")
    lines += ["", "QUESTIONS"]
    for number, prompt in enumerate(plan.prompts, start=1):
        lines += wrap(prompt.text, indent="     ", first=f"  {number}. ")
    if plan.notes:
        lines += ["", "YOUR NOTES"]
        for note in plan.notes:
            lines += wrap(f"{note.kind}: {note.text}", indent="     ", first="  - ")
    lines += ["", "WHAT WE WANT TO REMEMBER"]
    lines += ["  " + "_" * (WIDTH - 2)] * WRITING_LINES
    lines += ["", "How connected do we feel (1-5)?   ____  ____"]
    return visible_controls("\n".join(lines) + "\n")


def as_markdown(plan: WeekPlan) -> str:
    lines = [f"# {_title(plan)}", "", f"**{_when(plan)}**", "", "## In focus", ""]
    for focus in plan.focus:
        lines.append(f"**{focus.number}. {focus.title}**")
        lines.append("")
        lines += [f"- {practice}" for practice in focus.practices]
        lines.append("")
    lines += ["## The talk", "", "| Minutes | Step |", "|---:|---|"]
    lines += [f"| {step.minutes} | {step.title} |" for step in plan.agenda]
    lines += ["", "## Questions", ""]
    lines += [f"{n}. {prompt.text}" for n, prompt in enumerate(plan.prompts, start=1)]
    if plan.notes:
        lines += ["", "## Your notes", ""]
        lines += [f"- *{note.kind}:* {note.text}" for note in plan.notes]
    lines += ["", "## What we want to remember", ""]
    lines += ["&nbsp;", ""] * WRITING_LINES
    lines += ["How connected do we feel (1-5)? \\_\\_\\_\\_ \\_\\_\\_\\_", ""]
    return visible_controls("\n".join(lines))
