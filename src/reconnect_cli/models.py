"""The shapes of everything reconnect reads, keeps and shows.

Three families live here:

* the catalogue (``Strategy``, ``Prompt``) read from the bundled YAML;
* the store (``Store`` and what it holds) read from and written to ``store.json``;
* views (``WeekPlan`` and friends) that commands render as text or JSON; their
  field names are the ``--json`` contract.

They are plain dataclasses, so that a command that only reads a store it wrote
itself never pays for importing pydantic (about 75 ms). The rules on each field
(``Rule``, ``Check``) are kept right here with the shapes, and pydantic enforces
them, with ``extra="forbid"``, whenever data comes from outside: see
``validation.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from reconnect_cli.parsing import FIRST_YEAR, LAST_YEAR, WEEKDAYS

SCHEMA_VERSION: Literal[3] = 3


class Rule:
    """Constraints on a value (``ge``, ``le``, ``min_length``, ``max_length``,
    ``pattern``), in pydantic-core's own words. Plain metadata until pydantic reads
    it, so this module never imports pydantic."""

    __slots__ = ("constraints",)

    def __init__(self, **constraints: object) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.constraints)
        return schema


class Check:
    """A check pydantic runs after the value has its type; it raises ValueError."""

    __slots__ = ("check",)

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


class Described:
    """One shared ``repr`` for every shape and view: a dataclass generating its own
    costs a compile per class at every start, and every command starts."""

    __slots__ = ()

    def __repr__(self) -> str:
        names = (item.name for item in dataclasses.fields(self))  # type: ignore[arg-type]
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"


class Shape(Described):
    """Base of everything read from a file: unknown keys are refused, so a typo in a
    hand-edited file is reported instead of silently dropped.

    Shapes are slotted, keyword-only dataclasses: small in memory (a store can hold
    years of check-ins) and built only with named fields."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}


Depth = Literal["light", "medium", "deep"]
DEPTHS: tuple[Depth, ...] = ("light", "medium", "deep")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Rating = Annotated[int, Rule(ge=1, le=5)]

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_CLOCK = r"^(?:[01]\d|2[0-3]):[0-5]\d$"
_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_ZONE = r"^[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*$"

Slug = Annotated[str, Rule(pattern=_SLUG)]
Uuid = Annotated[str, Rule(pattern=_UUID)]


_Dated = TypeVar("_Dated", dt.date, dt.datetime)


def _require_offset(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("needs a UTC offset, such as 2026-11-29T19:30:00+01:00")
    return _within_planned_years(moment)


def _within_planned_years(day: _Dated) -> _Dated:
    # Week arithmetic near year 1 or 9999 overflows Python's calendar; no talk is there.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"outside the years reconnect plans for ({FIRST_YEAR} to {LAST_YEAR})")
    return day


def _one_question(text: str) -> str:
    if not text.endswith("?") or text.count("?") != 1:
        raise ValueError("a prompt is one question, ending with its only '?'")
    return text


AwareDateTime = Annotated[dt.datetime, Check(_require_offset)]
Day = Annotated[dt.date, Check(_within_planned_years)]


# --- The catalogue ---------------------------------------------------------------


@dataclass(slots=True, kw_only=True, repr=False)
class Prompt(Shape):
    """One question of a strategy's deck."""

    id: Slug
    depth: Depth
    text: Annotated[str, Rule(min_length=10), Check(_one_question)]


@dataclass(slots=True, kw_only=True, repr=False)
class Guidance(Shape):
    """When and how to find a couples therapist, and when couple work is not the tool."""

    when_it_helps: Annotated[list[str], Rule(min_length=3)]
    how_to_find: Annotated[list[str], Rule(min_length=3)]
    first_call_questions: Annotated[list[str], Rule(min_length=3)]
    safety: Annotated[str, Rule(min_length=20)]


@dataclass(slots=True, kw_only=True, repr=False)
class Strategy(Shape):
    """One of the ways to reconnect, with its practices and questions."""

    id: Slug
    number: Annotated[int, Rule(ge=1)]
    title: Annotated[str, Rule(min_length=3)]
    summary: Annotated[str, Rule(min_length=20)]
    practices: Annotated[list[str], Rule(min_length=3)]
    prompts: Annotated[list[Prompt], Rule(min_length=20)]
    guidance: Guidance | None = None


def check_catalogue(catalogue: Catalogue) -> Catalogue:
    """What no single field can say: numbering, and ids unique across the catalogue."""
    numbers = [strategy.number for strategy in catalogue.strategies]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"strategies must be numbered 1, 2, 3... in order, got {numbers}")
    ids = [strategy.id for strategy in catalogue.strategies]
    if len(set(ids)) != len(ids):
        raise ValueError("strategy ids must be unique")
    prompt_ids = [prompt.id for strategy in catalogue.strategies for prompt in strategy.prompts]
    if len(set(prompt_ids)) != len(prompt_ids):
        raise ValueError("prompt ids must be unique")
    return catalogue


@dataclass(slots=True, kw_only=True, repr=False)
class Catalogue(Shape):
    """All the strategies, in their fixed order."""

    strategies: Annotated[list[Strategy], Rule(min_length=1)]


@dataclass(slots=True, kw_only=True, repr=False)
class OwnPrompt(Shape):
    """A question the couple added to one of the strategies."""

    id: Slug
    strategy: Annotated[str, Rule(min_length=1)]
    depth: Depth = "medium"
    text: Annotated[str, Rule(min_length=3, max_length=500)]


@dataclass(slots=True, kw_only=True, repr=False)
class OwnStrategyPrompt(Shape):
    """A question in a strategy of the couple's own."""

    id: Slug
    depth: Depth = "medium"
    text: Annotated[str, Rule(min_length=3, max_length=500)]


@dataclass(slots=True, kw_only=True, repr=False)
class OwnStrategy(Shape):
    """A whole strategy of the couple's own; it joins the rotation."""

    id: Slug
    title: Annotated[str, Rule(min_length=3, max_length=120)]
    summary: Annotated[str, Rule(max_length=1000)] = ""
    practices: list[str] = field(default_factory=list)
    prompts: Annotated[list[OwnStrategyPrompt], Rule(min_length=1)]


@dataclass(slots=True, kw_only=True, repr=False)
class OwnPrompts(Shape):
    """The file prompts.yaml: added questions, hidden ones, and strategies of one's own."""

    prompts: list[OwnPrompt] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    strategies: list[OwnStrategy] = field(default_factory=list)


# --- The store -------------------------------------------------------------------


Name = Annotated[str, Rule(min_length=1, max_length=60)]


@dataclass(slots=True, kw_only=True, repr=False)
class Settings(Shape):
    """The couple's names, their talk's slot, and how much a week holds."""

    name: Name | None = None
    partner: Name | None = None
    week_starts: Weekday = "sunday"
    talk_day: Weekday = "sunday"
    talk_time: Annotated[str, Rule(pattern=_CLOCK)] = "19:30"
    talk_minutes: Annotated[int, Rule(ge=15, le=180)] = 45
    focus_count: Annotated[int, Rule(ge=1, le=4)] = 2
    prompt_count: Annotated[int, Rule(ge=1, le=8)] = 3
    # An IANA zone such as Europe/Berlin; None follows the system's zone.
    timezone: Annotated[str, Rule(pattern=_ZONE)] | None = None

    @property
    def you(self) -> str:
        return self.name or "You"

    @property
    def them(self) -> str:
        return self.partner or "your partner"


@dataclass(slots=True, kw_only=True, repr=False)
class CheckIn(Shape):
    """One talk as the couple logged it."""

    id: Uuid
    date: Day
    rating: Rating
    partner_rating: Rating | None = None
    strategies: list[str] = field(default_factory=list)
    minutes: Annotated[int, Rule(ge=1, le=600)] | None = None
    highlight: str | None = None
    note: str | None = None
    prompts: list[str] = field(default_factory=list)
    created_at: AwareDateTime
    updated_at: AwareDateTime


# The one order of check-ins everywhere: by day, then by when they were logged.
CHECKIN_ORDER = attrgetter("date", "created_at", "id")


@dataclass(slots=True, kw_only=True, repr=False)
class FocusPick(Shape):
    """A strategy in a week's focus, and why it was chosen."""

    id: str
    why: str


@dataclass(slots=True, kw_only=True, repr=False)
class WeekRecord(Shape):
    """A week's plan as it was first shown; it never changes afterwards."""

    week_start: Day
    focus: Annotated[list[FocusPick], Rule(min_length=1)]
    prompts: list[str]
    created_at: AwareDateTime


@dataclass(slots=True, kw_only=True, repr=False)
class Rotation(Shape):
    """The fair rotation: each cycle's order is fixed the moment the cycle begins."""

    seed: Annotated[int, Rule(ge=0)]
    cycles: list[list[str]] = field(default_factory=list)


NoteKind = Literal["appreciation", "topic", "plan"]
NOTE_KINDS: tuple[NoteKind, ...] = ("appreciation", "topic", "plan")


@dataclass(slots=True, kw_only=True, repr=False)
class InboxNote(Shape):
    """Something jotted down during the week, for the next talk.

    It is open until the first check-in logged after it, which settles it.
    """

    id: Uuid
    kind: NoteKind = "topic"
    text: Annotated[str, Rule(min_length=1)]
    created_at: AwareDateTime


@dataclass(slots=True, kw_only=True, repr=False)
class MovedTalk(Shape):
    """One week's talk, moved away from the regular slot (within its own week)."""

    week_start: Day
    start: AwareDateTime


def check_store(store: Store) -> Store:
    """What no single field can say: nothing recorded twice."""
    starts = [week.week_start for week in store.weeks]
    if len(set(starts)) != len(starts):
        raise ValueError("weeks: a week is planned twice")
    ids = [checkin.id for checkin in store.checkins]
    if len(set(ids)) != len(ids):
        raise ValueError("checkins: two check-ins share an id")
    moved = [talk.week_start for talk in store.moved_talks]
    if len(set(moved)) != len(moved) or set(moved) & set(store.skipped_weeks):
        raise ValueError("a week's talk is moved twice, or both moved and skipped")
    return store


@dataclass(slots=True, kw_only=True, repr=False)
class Store(Shape):
    """Everything reconnect keeps: the whole of store.json."""

    schema_version: Literal[3] = SCHEMA_VERSION
    created_at: AwareDateTime
    settings: Settings = field(default_factory=Settings)
    rotation: Rotation
    # Weeks in the order they were planned: the rotation is replayed in this order.
    weeks: list[WeekRecord] = field(default_factory=list)
    prompt_offers: dict[str, int] = field(default_factory=dict)
    checkins: list[CheckIn] = field(default_factory=list)
    # Weeks whose talk is skipped or moved; a week is in at most one of the two.
    skipped_weeks: list[Day] = field(default_factory=list)
    moved_talks: list[MovedTalk] = field(default_factory=list)
    notes: list[InboxNote] = field(default_factory=list)

    def open_notes(self) -> list[InboxNote]:
        """Notes not yet settled: no check-in has been logged since they were written."""
        last_logged = max((c.created_at for c in self.checkins), default=None)
        return [n for n in self.notes if last_logged is None or n.created_at > last_logged]

    def moved_talk(self, week_start: dt.date) -> MovedTalk | None:
        return next((talk for talk in self.moved_talks if talk.week_start == week_start), None)

    def week(self, week_start: dt.date) -> WeekRecord | None:
        return next((week for week in self.weeks if week.week_start == week_start), None)


# --- Views: what commands show ------------------------------------------------------
# Views are made by reconnect itself and never read back, so they carry no rules.


@dataclass(slots=True, kw_only=True, repr=False)
class SlotView(Described):
    """One week's talk: when it starts, and whether it was skipped or moved."""

    week_start: dt.date
    start: dt.datetime
    end: dt.datetime
    minutes: int
    day: Weekday
    time: str
    skipped: bool = False
    moved: bool = False


@dataclass(slots=True, kw_only=True, repr=False)
class RegularSlot(Described):
    """The weekly talk's usual day, time and length."""

    day: Weekday
    time: str
    minutes: int
    timezone: str | None


@dataclass(slots=True, kw_only=True, repr=False)
class ScheduleView(Described):
    """The regular slot and the next talks."""

    slot: RegularSlot
    upcoming: list[SlotView]


@dataclass(slots=True, kw_only=True, repr=False)
class FocusTitle(Described):
    """A focus strategy, named briefly."""

    id: str
    number: int
    title: str


@dataclass(slots=True, kw_only=True, repr=False)
class NextTalk(Described):
    """The next talk: when, how long, and its focus."""

    start: dt.datetime
    end: dt.datetime
    minutes: int
    moved: bool
    starts_in: str
    focus: list[FocusTitle]


@dataclass(slots=True, kw_only=True, repr=False)
class FocusView(Described):
    """A focus strategy as the week shows it."""

    id: str
    number: int
    title: str
    summary: str
    why: str
    practices: list[str]


@dataclass(slots=True, kw_only=True, repr=False)
class AgendaStep(Described):
    """One timed step of the talk's agenda."""

    title: str
    minutes: int
    starts_at: str
    about: str


@dataclass(slots=True, kw_only=True, repr=False)
class PromptView(Described):
    """A question offered, with its strategy and depth."""

    id: str
    strategy: str
    text: str
    depth: Depth


@dataclass(slots=True, kw_only=True, repr=False)
class RecentWeeks(Described):
    """How the last weeks went, counted kindly."""

    weeks: int
    weeks_with_checkin: int
    last_checkin: dt.date | None
    last_rating: int | None
    last_partner_rating: int | None
    summary: str


@dataclass(slots=True, kw_only=True, repr=False)
class WeekPlan(Described):
    """Everything `reconnect week` shows."""

    week_start: dt.date
    week_end: dt.date
    preview: bool
    names: dict[str, str | None]
    slot: SlotView
    focus: list[FocusView]
    agenda: list[AgendaStep]
    prompts: list[PromptView]
    recent: RecentWeeks
    nudge: str | None = None
    notes: list[InboxNote] = field(default_factory=list)


@dataclass(slots=True, kw_only=True, repr=False)
class StrategySummary(Described):
    """A strategy in the list of all twelve."""

    id: str
    number: int
    title: str
    summary: str


@dataclass(slots=True, kw_only=True, repr=False)
class StrategyDetail(StrategySummary):
    """A strategy with its practices, questions and any guidance."""

    practices: list[str]
    prompts: list[PromptView]
    guidance: Guidance | None


def weekday_index(name: str) -> int:
    """Monday is 0, as in ``date.weekday()``."""
    return WEEKDAYS.index(name)


@dataclass(slots=True, kw_only=True, repr=False)
class BackupInfo(Described):
    """One backup as `backup list` shows it."""

    id: str
    created_at: dt.datetime
    checkins: int | None  # None when the backup cannot be read


@dataclass(slots=True, kw_only=True, repr=False)
class ImportConflict(Described):
    """A check-in both sides changed, and whose edit was kept."""

    id: str
    kept: Literal["theirs", "ours"]


@dataclass(slots=True, kw_only=True, repr=False)
class ImportReport(Described):
    """What an import added, found already there, or resolved."""

    file: str
    added: int
    already_there: int
    conflicts: list[ImportConflict]


@dataclass(slots=True, kw_only=True, repr=False)
class DoctorCheck(Described):
    """One of doctor's checks and its outcome."""

    name: str
    ok: bool
    detail: str
    fixed: bool = False


@dataclass(slots=True, kw_only=True, repr=False)
class DoctorReport(Described):
    """All of doctor's checks, and what to do next."""

    healthy: bool
    checks: list[DoctorCheck]
    advice: str | None


@dataclass(slots=True, kw_only=True, repr=False)
class ChartWeek(Described):
    """One week of the ratings chart."""

    week_start: dt.date
    rating: float | None
    partner_rating: float | None
    skipped: bool


@dataclass(slots=True, kw_only=True, repr=False)
class StrategyStats(Described):
    """How often a strategy was featured and practised."""

    id: str
    title: str
    featured: int
    practiced: int
    average_rating: float | None


Trend = Literal["up", "down", "steady"]


@dataclass(slots=True, kw_only=True, repr=False)
class Stats(Described):
    """Everything `reconnect stats` shows."""

    weeks: int
    weeks_with_checkin: int
    skipped_weeks: int
    longest_run: int
    average_rating: float | None
    average_partner_rating: float | None
    trend: Trend | None
    summary: str
    trend_note: str
    chart: list[ChartWeek]
    strategies: list[StrategyStats]
    partner_gap: str | None
    nudge: str | None
