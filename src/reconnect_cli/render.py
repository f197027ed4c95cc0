"""How results look in a terminal, and how they look as JSON.

Commands hand finished models to these functions; nothing here decides anything.
Text from people (names, highlights, notes) is shown literally: never read as
Rich markup, and with control characters made visible rather than sent to the
terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reconnect_cli.models import (
    BackupInfo,
    CheckIn,
    DoctorReport,
    ImportReport,
    InboxNote,
    NextTalk,
    OwnPrompt,
    PromptView,
    ScheduleView,
    Settings,
    SlotView,
    Stats,
    StrategyDetail,
    StrategySummary,
    WeekPlan,
)
from reconnect_cli.visible import visible_controls

DEPTH_STYLE = {"light": "green", "medium": "yellow", "deep": "magenta"}


def console(stderr: bool = False) -> Console:
    # Rich already drops colour when the stream is not a terminal and honours NO_COLOR.
    # No emoji codes either: ":heart:" in a note stays as it was written.
    return Console(stderr=stderr, highlight=False, emoji=False)


def emit_json(data: Any) -> None:
    """Machine output: one JSON document on stdout, nothing else.

    An object is indented; a list has one record per line, written as it goes, so
    that years of check-ins stream out without being held in memory twice.
    """
    from reconnect_cli.codec import document

    # A pipe in a legacy code page cannot carry every name or emoji; escapes can.
    ascii_only = not _speaks_unicode(sys.stdout)
    if not isinstance(data, (list, tuple)):
        sys.stdout.write(json.dumps(document(data), indent=2, ensure_ascii=ascii_only) + "\n")
        return
    if not data:
        sys.stdout.write("[]\n")
        return
    encode = json.JSONEncoder(ensure_ascii=ascii_only).encode
    sys.stdout.write("[\n  ")
    for start in range(0, len(data), 500):  # a few hundred records a write
        if start:
            sys.stdout.write(",\n  ")
        sys.stdout.write(",\n  ".join(encode(document(item)) for item in data[start : start + 500]))
    sys.stdout.write("\n]\n")


def _speaks_unicode(stream: Any) -> bool:
    import codecs

    try:
        return codecs.lookup(stream.encoding or "ascii").name.startswith("utf")
    except (AttributeError, LookupError):
        return False


def assembled(*parts: str | Text | tuple[str, str]) -> Text:
    """``Text.assemble``, with every plain piece shown literally (see ``literal``)."""
    return Text.assemble(
        *(
            visible_controls(part)
            if isinstance(part, str)
            else (visible_controls(part[0]), part[1])
            if isinstance(part, tuple)
            else part
            for part in parts
        )
    )


def literal(text: str, style: str = "") -> Text:
    """Someone's own words, made safe to show: no markup, no raw control characters."""
    return Text(visible_controls(text), style=style)


def long_date(day: Any) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_date(day: Any) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _heading(text: str) -> Text:
    return literal(text, style="bold")


def _indented(renderable: RenderableType, left: int) -> Padding:
    return Padding(renderable, (0, 0, 0, left), expand=False)


def _bullets(items: Sequence[str | Text], left: int = 2, marker: str = "•") -> Padding:
    """A list whose wrapped lines hang under their first word."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(marker, literal(item) if isinstance(item, str) else item)
    return _indented(grid, left)


def first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def week(plan: WeekPlan) -> None:
    out = console()
    title = f"Week of {short_date(plan.week_start)} – {long_date(plan.week_end)}"
    if plan.preview:
        title += "  (preview)"
    out.rule(literal(title, style="bold"))
    slot = plan.slot
    out.print(assembled(("Your talk: ", "bold"), talk_line(slot)))
    if slot.skipped:
        out.print(
            literal(
                f"To bring it back: reconnect schedule reset --date {plan.week_start.isoformat()}",
                style="dim",
            )
        )
    if plan.preview:
        out.print(Text("A preview: the plan is set when this week arrives.", style="dim"))

    out.print()
    out.print(_heading("In focus this week"))
    for focus in plan.focus:
        out.print(assembled((f" {focus.number:>2}  ", "cyan"), (focus.title, "bold cyan")))
        out.print(_indented(literal(focus.why, style="dim"), 5))
        out.print(_bullets(focus.practices, left=5))

    out.print()
    out.print(_heading(f"The talk, {slot.minutes} minutes"))
    agenda = Table(box=None, show_header=False, padding=(0, 1), expand=False)
    agenda.add_column(style="dim", no_wrap=True)
    agenda.add_column(justify="right", no_wrap=True)
    agenda.add_column(ratio=1)
    for step in plan.agenda:
        agenda.add_row(
            step.starts_at,
            f"{step.minutes} min",
            Group(literal(step.title, style="bold"), literal(step.about, style="dim")),
        )
    out.print(_indented(agenda, 1))

    out.print()
    out.print(_heading("Questions to talk about"))
    _prompt_list(out, plan.prompts)

    if plan.notes:
        out.print()
        out.print(_heading("Your notes for the talk"))
        out.print(_note_lines(plan.notes))

    out.print()
    out.print(_heading("How the last weeks went"))
    out.print(_indented(literal(plan.recent.summary), 2))
    if plan.nudge:
        out.print()
        out.print(_indented(literal(plan.nudge, style="italic"), 2))


def talk_line(slot: SlotView) -> str:
    when = (
        f"{slot.start:%A} {slot.start.day} {slot.start:%b}, "
        f"{slot.start:%H:%M}–{slot.end:%H:%M} ({slot.minutes} minutes)"
    )
    if slot.skipped:
        return f"skipped this week (it would have been {slot.start:%A} at {slot.start:%H:%M})"
    return f"{when}, moved" if slot.moved else when


def schedule(overview: ScheduleView) -> None:
    out = console()
    slot = overview.slot
    zone = slot.timezone or "your system's time zone"
    out.print(
        assembled(
            ("Your talk: ", "bold"),
            f"every {slot.day.capitalize()} at {slot.time}, {slot.minutes} minutes ({zone})",
        )
    )
    out.print()
    out.print(_heading("Coming up"))
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(style="dim")
    for talk in overview.upcoming:
        note = "skipped" if talk.skipped else "moved" if talk.moved else ""
        style = "dim strike" if talk.skipped else ""
        table.add_row(
            literal(f"{talk.start:%a} {talk.start.day} {talk.start:%b %Y}", style=style),
            literal(f"{talk.start:%H:%M}–{talk.end:%H:%M}", style=style),
            note,
        )
    out.print(_indented(table, 2))


def talk_changed(talk: SlotView, what: str) -> None:
    out = console()
    out.print(assembled((f"{what} {short_date(talk.week_start)}", "bold")))
    out.print(_indented(literal(talk_line(talk)), 2))


def next_talk(talk: NextTalk) -> None:
    titles = " & ".join(focus.title for focus in talk.focus)
    moved = " (moved)" if talk.moved else ""
    line = (
        f"Next talk: {talk.start:%a} {talk.start.day} {talk.start:%b} at "
        f"{talk.start:%H:%M}{moved}, {talk.starts_in} · {titles}"
    )
    console().print(literal(line), soft_wrap=True)  # one line, for prompts and status bars


NOTE_LABEL = {"appreciation": "appreciation", "topic": "topic", "plan": "plan"}


def _note_lines(items: Sequence[InboxNote]) -> Padding:
    return _bullets([assembled((f"{NOTE_LABEL[n.kind]}: ", "dim"), literal(n.text)) for n in items])


def note_saved(saved: InboxNote) -> None:
    console().print(assembled(("Noted ", "bold green"), f"({saved.kind}): ", literal(saved.text)))


def notes(items: Sequence[InboxNote]) -> None:
    out = console()
    if not items:
        out.print('No open notes. Jot one down with: reconnect note "..."')
        return
    out.print(_heading(f"For your next talk ({len(items)})"))
    out.print(_note_lines(items))


def own_prompt_added(prompt: OwnPrompt) -> None:
    console().print(
        assembled(
            ("Added ", "bold green"), f"{prompt.id} to {prompt.strategy}: ", literal(prompt.text)
        )
    )


def prompt_hidden(prompt_id: str, changed: bool) -> None:
    message = "Hidden" if changed else "Already hidden"
    console().print(assembled((f"{message}: ", "bold"), f"{prompt_id} will not be offered."))


def _prompt_list(out: Console, prompts: Sequence[PromptView]) -> None:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, style="bold")
    grid.add_column()
    for number, prompt in enumerate(prompts, start=1):
        grid.add_row(
            f"{number}.",
            assembled(prompt.text, "  ", (prompt.depth, DEPTH_STYLE[prompt.depth])),
        )
    out.print(_indented(grid, 2))


def prompts(items: Sequence[PromptView]) -> None:
    out = console()
    if not items:
        out.print("No prompts to offer.")
        return
    _prompt_list(out, items)


def strategies(items: Sequence[StrategySummary]) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("Strategy", style="bold")
    table.add_column("In short", ratio=1)
    for item in items:
        table.add_row(
            str(item.number), item.id, literal(item.title), literal(first_sentence(item.summary))
        )
    out = console()
    out.print(table)
    out.print(Text("More on one: reconnect strategies show ID", style="dim"))


def strategy(detail: StrategyDetail) -> None:
    out = console()
    out.rule(literal(f"{detail.number}. {detail.title}", style="bold"))
    out.print(literal(detail.summary))
    out.print(literal(f"id: {detail.id}", style="dim"))
    out.print()
    out.print(_heading("Practices for the week"))
    out.print(_bullets(detail.practices))
    out.print()
    out.print(_heading(f"Questions ({len(detail.prompts)})"))
    questions = Table.grid(padding=(0, 2))
    questions.add_column(style="dim", no_wrap=True)
    questions.add_column()
    for prompt in detail.prompts:
        questions.add_row(
            prompt.id, assembled(prompt.text, "  ", (prompt.depth, DEPTH_STYLE[prompt.depth]))
        )
    out.print(_indented(questions, 2))
    if detail.guidance is not None:
        guidance = detail.guidance
        for title, items in (
            ("When a couples therapist can help", guidance.when_it_helps),
            ("How people find one", guidance.how_to_find),
            ("Worth asking at a first call", guidance.first_call_questions),
        ):
            out.print()
            out.print(_heading(title))
            out.print(_bullets(items))
        out.print()
        out.print(_heading("If you feel afraid or unsafe"))
        out.print(_indented(literal(guidance.safety), 2))


def _ratings(checkin: CheckIn, settings: Settings) -> str:
    line = f"{settings.you} {checkin.rating}/5"
    if checkin.partner_rating is not None:
        line += f", {settings.them} {checkin.partner_rating}/5"
    return line


def checkin_saved(checkin: CheckIn, settings: Settings) -> None:
    out = console()
    out.print(
        assembled(
            ("Saved ", "bold green"),
            f"your check-in for {long_date(checkin.date)}: ",
            literal(_ratings(checkin, settings)),
            (f"  (id {checkin.id[:8]})", "dim"),
        )
    )
    out.print(Text("Thank you for making the time for each other.", style="dim"))


# Beyond this many check-ins, history is one line each: a table measures every cell
# (about half a millisecond a row), and a long list reads better compact anyway.
HISTORY_TABLE_ROWS = 100


def history(items: Sequence[CheckIn], settings: Settings) -> None:
    out = console()
    if not items:
        out.print("No check-ins yet. After your next talk, log it with 'reconnect checkin'.")
        return
    if len(items) > HISTORY_TABLE_ROWS:
        _history_lines(items, settings, out)
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column(literal(settings.name or "You"), justify="center", no_wrap=True)
    table.add_column(literal(settings.partner or "Partner"), justify="center", no_wrap=True)
    table.add_column("Strategies")
    table.add_column("Highlight", ratio=1)
    table.add_column("id", style="dim", no_wrap=True)
    for item in items:
        table.add_row(
            long_date(item.date),
            str(item.rating),
            "–" if item.partner_rating is None else str(item.partner_rating),
            ", ".join(item.strategies),
            literal(item.highlight or ""),
            item.id[:8],
        )
    out.print(table)


def _history_lines(items: Sequence[CheckIn], settings: Settings, out: Console) -> None:
    you, them = settings.name or "You", settings.partner or "Partner"
    header = Text(style="bold")
    header.append(f"{'Date':<16} ")
    header.append(literal(you[:12]))
    header.append(" / ")
    header.append(literal(them[:12]))
    header.append("  Highlight")
    out.print(header, no_wrap=True, overflow="ellipsis")
    for start in range(0, len(items), 500):  # printed a few hundred lines at a time
        lines = Text()
        for item in items[start : start + 500]:
            partner = "–" if item.partner_rating is None else str(item.partner_rating)
            lines.append(f"{long_date(item.date):<16} {item.rating} / {partner}  ")
            lines.append(visible_controls(item.highlight or "").replace("\n", " "))
            lines.append(f"  {item.id[:8]}\n", style="dim")
        lines.rstrip()
        out.print(lines, no_wrap=True, overflow="ellipsis")
    summary = f"{len(items)} check-ins; 'reconnect history --json' gives every field."
    out.print(Text(summary, style="dim"))


def settings_saved(settings: Settings) -> None:
    out = console()
    out.print(Text("Saved.", style="bold green"))
    you = settings.name or "(not set)"
    them = settings.partner or "(not set)"
    rows = (
        ("You", literal(you)),
        ("Partner", literal(them)),
        (
            "Talk",
            literal(
                f"every {settings.talk_day.capitalize()} at {settings.talk_time}, "
                f"{settings.talk_minutes} minutes"
            ),
        ),
        ("Weeks start on", literal(settings.week_starts.capitalize())),
        (
            "Each week",
            literal(
                f"{settings.focus_count} strategies in focus, {settings.prompt_count} questions"
            ),
        ),
    )
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="dim")
    table.add_column()
    for label, value in rows:
        table.add_row(label, value)
    out.print(table)


def file_paths(rows: dict[str, str]) -> None:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows.items():
        table.add_row(label, literal(value))
    console().print(table)


SPARK = {1: "▁", 2: "▂", 3: "▄", 4: "▆", 5: "█"}


def _spark(value: float | None, skipped: bool) -> str:
    if value is None:
        return "–" if skipped else "·"
    return SPARK[max(1, min(5, round(value)))]


def stats(figures: Stats, settings: Settings) -> None:
    out = console()
    out.print(literal(figures.summary, style="bold"))
    run = figures.longest_run
    out.print(literal(f"Your longest run: {run} {'week' if run == 1 else 'weeks'} in a row."))
    you, them = settings.name or "You", settings.partner or "Partner"
    averages = []
    if figures.average_rating is not None:
        averages.append(f"{you} {figures.average_rating:.1f}")
    if figures.average_partner_rating is not None:
        averages.append(f"{them} {figures.average_partner_rating:.1f}")
    if averages:
        out.print(literal(f"How connected you felt, on average: {', '.join(averages)} (out of 5)."))
    out.print(literal(figures.trend_note))

    out.print()
    out.print(_heading("Week by week"))
    chart = Table.grid(padding=(0, 1))
    chart.add_column(style="dim", no_wrap=True)
    chart.add_column(no_wrap=True)
    chart.add_row(literal(you), "".join(_spark(w.rating, w.skipped) for w in figures.chart))
    chart.add_row(
        literal(them), "".join(_spark(w.partner_rating, w.skipped) for w in figures.chart)
    )
    out.print(_indented(chart, 2))
    out.print(_indented(Text("oldest → this week · no check-in, – skipped", style="dim"), 2))

    out.print()
    out.print(_heading("Strategies"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("Strategy")
    table.add_column("In focus", justify="right")
    table.add_column("Practised", justify="right")
    table.add_column("Talks rated", justify="right")
    for item in figures.strategies:
        rated = "–" if item.average_rating is None else f"{item.average_rating:.1f}"
        table.add_row(literal(item.title), str(item.featured), str(item.practiced), rated)
    out.print(table)
    for note in (figures.partner_gap, figures.nudge):
        if note:
            out.print()
            out.print(literal(note, style="italic"))


def import_report(report: ImportReport) -> None:
    out = console()
    kept_theirs = sum(1 for c in report.conflicts if c.kept == "theirs")
    out.print(
        assembled(
            ("Imported ", "bold green"),
            f"{report.file}: {report.added} added, {report.already_there} already here, "
            f"{len(report.conflicts)} in conflict",
        )
    )
    if report.conflicts:
        out.print(
            f"  Where both copies were edited, the newer edit was kept "
            f"({kept_theirs} from the file, {len(report.conflicts) - kept_theirs} of yours):"
        )
        for conflict in report.conflicts:
            out.print(literal(f"    {conflict.id[:8]}  kept {conflict.kept}"))


def checkin_changed(checkin: CheckIn, what: str) -> None:
    console().print(
        assembled(
            (f"{what} ", "bold"),
            f"the check-in of {long_date(checkin.date)} (id {checkin.id[:8]}).",
        )
    )


def backups(found: Sequence[BackupInfo]) -> None:
    out = console()
    if not found:
        out.print("No backups yet: one is kept every time your data changes.")
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("Kept", no_wrap=True)
    table.add_column("Check-ins", justify="right")
    for item in found:
        count = "unreadable" if item.checkins is None else str(item.checkins)
        table.add_row(item.id, f"{item.created_at:%Y-%m-%d %H:%M}", count)
    out.print(table)
    out.print(Text("Restore one with: reconnect backup restore ID", style="dim"))


def restored(info: BackupInfo) -> None:
    console().print(
        assembled(
            ("Restored ", "bold green"),
            f"the backup {info.id}. Your data as it was a moment ago is kept as a backup too.",
        )
    )


def doctor(report: DoctorReport) -> None:
    out = console()
    for check in report.checks:
        mark, style = (
            ("ok", "green")
            if check.ok
            else ("fixed", "yellow")
            if check.fixed
            else ("needs care", "red")
        )
        out.print(
            assembled((f"{mark:>10}  ", style), (f"{check.name}: ", "bold"), literal(check.detail))
        )
    if report.advice:
        out.print()
        out.print(literal(report.advice))
    out.print()
    out.print("All is well." if report.healthy else "Something needs care (see above).")
