"""``reconnect talk``: a calm, timed walk through the week's talk, on one screen for two."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from reconnect_cli.commands.options import DateOption

if TYPE_CHECKING:
    from rich.console import Console

    from reconnect_cli.models import PromptView, Settings, WeekPlan
    from reconnect_cli.session import TalkStep


def talk(
    date: DateOption = None,
    no_timer: Annotated[
        bool, typer.Option("--no-timer", help="Show no clock; just move on with Enter.")
    ] = False,
) -> None:
    """Walk through this week's talk together, step by step, then check in privately.

    Enter moves on; the clock only keeps you company and never forces anything.
    Ratings are typed hidden and revealed together. Ctrl-C stops at any time.

    Examples:

    \b
      reconnect talk
      reconnect talk --no-timer
    """
    from reconnect_cli import ritual
    from reconnect_cli.errors import UsageError
    from reconnect_cli.parsing import parse_date

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "talk needs a terminal; for a printable plan try: reconnect week --format markdown"
        )
    plan = ritual.show_week(parse_date(date, "--date") if date else None)
    settings = ritual.current_settings()
    TalkRunner(plan, settings, timer=not no_timer).run()


class TalkRunner:
    def __init__(self, plan: WeekPlan, settings: Settings, timer: bool) -> None:
        from reconnect_cli import render

        self.plan = plan
        self.settings = settings
        self.timer = timer
        self.out: Console = render.console()
        self.ratings: dict[str, int] = {}
        self.started = time.monotonic()

    # --- the whole talk -------------------------------------------------------------

    def run(self) -> None:
        from reconnect_cli.session import talk_steps

        try:
            self._welcome()
            for step in talk_steps(self.plan):
                self._step(step)
            self._check_in()
        except (KeyboardInterrupt, EOFError, typer.Abort):  # prompts turn Ctrl-C into Abort
            self._stopped()

    def _welcome(self) -> None:
        from rich.text import Text

        titles = " and ".join(f.title for f in self.plan.focus)
        self.out.rule(Text(f"Your talk, {self.plan.slot.minutes} minutes", style="bold"))
        self.out.print(f"This week: {titles}.")
        self.out.print(
            Text("Phones away. Press Enter to begin, and to move on; Ctrl-C stops.", style="dim")
        )
        self._wait(None, "begin")
        self.started = time.monotonic()

    def _step(self, step: TalkStep) -> None:
        from rich.padding import Padding
        from rich.text import Text

        from reconnect_cli.render import literal

        total = len(self.plan.agenda)
        self.out.print()
        self.out.rule(
            Text(f"{step.number} of {total} · {step.title} · {step.minutes} min", style="bold")
        )
        self.out.print(Padding(Text(step.about), (0, 2)))
        for note in step.notes:
            self.out.print(
                Padding(Text.assemble(("From your notes: ", "cyan"), literal(note.text)), (0, 2))
            )
        deadline = time.monotonic() + step.minutes * 60
        for index, prompt in enumerate(step.prompts, start=1):
            self._question(prompt, index, len(step.prompts), step.rule)
            if index < len(step.prompts):
                self._wait(deadline, "the next question")
        self._wait(deadline, "go on")

    def _question(self, prompt: PromptView, index: int, total: int, rule: str | None) -> None:
        from rich.padding import Padding
        from rich.text import Text

        self.out.print()
        self.out.print(
            Padding(
                Text.assemble(
                    (f"Question {index} of {total} ({prompt.depth}): ", "bold"), prompt.text
                ),
                (0, 2),
            )
        )
        if rule:
            self.out.print(Padding(Text(rule, style="dim italic"), (0, 2)))

    # --- waiting for Enter, with a quiet clock --------------------------------------------

    def _wait(self, deadline: float | None, action: str) -> None:
        if not self.timer or deadline is None:
            input(f"  Enter to {action} ")
            return
        from rich.live import Live
        from rich.text import Text

        def clock() -> Text:
            left = deadline - time.monotonic()
            if left <= 0:
                return Text(f"  Time for this step is up; no rush. Enter to {action}.", style="dim")
            minutes, seconds = divmod(int(left), 60)
            return Text(f"  {minutes}:{seconds:02d} left · Enter to {action}", style="dim")

        with (
            _quiet_terminal(),
            Live(clock(), console=self.out, refresh_per_second=2, transient=True) as live,
        ):
            while not _enter_pressed(0.5):
                live.update(clock())

    # --- the check-in -------------------------------------------------------------------

    def _check_in(self) -> None:
        from rich.text import Text

        self.out.print()
        self.out.rule(Text("How connected do you feel now?", style="bold"))
        self.out.print(Text("Type your rating privately; both are shown together.", style="dim"))
        for who in self._names():
            self.ratings[who] = _ask_hidden_rating(who, self.out)
        self.out.print()
        revealed = " · ".join(f"{who} {rating}/5" for who, rating in self.ratings.items())
        self.out.print(Text.assemble(("Together: ", "bold"), (revealed, "bold cyan")))
        highlight = input("  A highlight to remember (Enter to skip): ").strip() or None
        self._save(highlight)

    def _names(self) -> list[str]:
        return [self.settings.name or "You", self.settings.partner or "Your partner"]

    def _save(self, highlight: str | None) -> None:
        from reconnect_cli import ritual
        from reconnect_cli.render import checkin_saved

        you, partner = self._names()
        minutes = max(1, round((time.monotonic() - self.started) / 60))
        saved = ritual.log_checkin(
            ritual.CheckInRequest(
                rating=self.ratings[you],
                partner_rating=self.ratings.get(partner),
                day=self._talk_day(),
                strategies=tuple(f.id for f in self.plan.focus),
                minutes=minutes,
                highlight=highlight,
            )
        )
        checkin_saved(saved, self.settings)

    def _talk_day(self) -> date | None:
        """Today, unless the talk is about an earlier week (then that week's talk day)."""
        from reconnect_cli import clock

        today = clock.today(self.plan.slot.start.tzinfo)
        if self.plan.week_start <= today <= self.plan.week_end:
            return None
        return min(self.plan.slot.start.date(), today)

    def _stopped(self) -> None:
        self.out.print()
        you = self._names()[0]
        if you not in self.ratings:
            self.out.print("Stopped. Nothing was saved; the week's plan is still there.")
            raise typer.Exit(130)
        try:
            keep = input("  Stopped. Save the rating given so far? [y/N] ").strip().lower()
        except (KeyboardInterrupt, EOFError):
            keep = ""
        if keep in ("y", "yes"):
            self._save(None)
            return
        self.out.print("Nothing was saved.")
        raise typer.Exit(130)


def _ask_hidden_rating(who: str, out: Console) -> int:
    from reconnect_cli.errors import UsageError
    from reconnect_cli.parsing import parse_rating

    while True:
        answer = typer.prompt(f"  {who}, your rating (1-5, hidden)", hide_input=True, err=False)
        try:
            return parse_rating(answer)
        except UsageError:
            out.print("  Please type a whole number from 1 to 5.")


@contextlib.contextmanager
def _quiet_terminal() -> Iterator[None]:
    """Turn off echo while the clock runs, so Enter does not push the screen around."""
    if sys.platform == "win32" or not sys.stdin.isatty():
        yield
        return
    import termios

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    quiet = termios.tcgetattr(fd)
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSADRAIN, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _enter_pressed(timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for a line on stdin (Enter)."""
    if sys.platform == "win32":
        import msvcrt

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if msvcrt.kbhit() and msvcrt.getwch() in ("\r", "\n"):
                return True
            time.sleep(0.05)
        return False
    import select

    ready, _, _ = select.select([sys.stdin], [], [], timeout)
    if ready:
        sys.stdin.readline()
        return True
    return False
