"""The shapes of everything reconnect reads, keeps and shows.

Three families live here:

* the catalogue (``Strategy``, ``Prompt``) read from the bundled YAML;
* the store (``Store`` and what it holds) read from and written to ``store.json``;
* views (``WeekPlan`` and friends) that commands render as text or JSON; their
  field names are the ``--json`` contract.

Everything read from disk is validated with ``extra="forbid"``, so a typo in a
hand-edited file is reported instead of silently dropped.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Annotated, Literal

# No pydantic plugin gets to observe a couple's words (plugins can send validated data
# elsewhere), and skipping the plugin scan saves about 20 ms at every start.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from reconnect_cli.parsing import WEEKDAYS

SCHEMA_VERSION: Literal[3] = 3

Depth = Literal["light", "medium", "deep"]
DEPTHS: tuple[Depth, ...] = ("light", "medium", "deep")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Rating = Annotated[int, Field(ge=1, le=5)]

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_CLOCK = r"^(?:[01]\d|2[0-3]):[0-5]\d$"
_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _require_offset(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("needs a UTC offset, such as 2026-11-29T19:30:00+01:00")
    return moment


AwareDateTime = Annotated[datetime, AfterValidator(_require_offset)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --- The catalogue ---------------------------------------------------------------


class Prompt(Strict):
    id: str = Field(pattern=_SLUG)
    depth: Depth
    text: str = Field(min_length=10)

    @field_validator("text")
    @classmethod
    def _one_question(cls, text: str) -> str:
        if not text.endswith("?") or text.count("?") != 1:
            raise ValueError("a prompt is one question, ending with its only '?'")
        return text


class Guidance(Strict):
    """When and how to find a couples therapist, and when couple work is not the tool."""

    when_it_helps: list[str] = Field(min_length=3)
    how_to_find: list[str] = Field(min_length=3)
    first_call_questions: list[str] = Field(min_length=3)
    safety: str = Field(min_length=20)


class Strategy(Strict):
    id: str = Field(pattern=_SLUG)
    number: int = Field(ge=1)
    title: str = Field(min_length=3)
    summary: str = Field(min_length=20)
    practices: list[str] = Field(min_length=3)
    prompts: list[Prompt] = Field(min_length=20)
    guidance: Guidance | None = None


class Catalogue(Strict):
    strategies: list[Strategy] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        numbers = [strategy.number for strategy in self.strategies]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"strategies must be numbered 1, 2, 3... in order, got {numbers}")
        ids = [strategy.id for strategy in self.strategies]
        if len(set(ids)) != len(ids):
            raise ValueError("strategy ids must be unique")
        prompt_ids = [prompt.id for strategy in self.strategies for prompt in strategy.prompts]
        if len(set(prompt_ids)) != len(prompt_ids):
            raise ValueError("prompt ids must be unique")
        return self


class OwnPrompt(Strict):
    """A question the couple added to one of the strategies."""

    id: str = Field(pattern=_SLUG)
    strategy: str = Field(min_length=1)
    depth: Depth = "medium"
    text: str = Field(min_length=3, max_length=500)


class OwnStrategyPrompt(Strict):
    id: str = Field(pattern=_SLUG)
    depth: Depth = "medium"
    text: str = Field(min_length=3, max_length=500)


class OwnStrategy(Strict):
    """A whole strategy of the couple's own; it joins the rotation."""

    id: str = Field(pattern=_SLUG)
    title: str = Field(min_length=3, max_length=120)
    summary: str = Field(default="", max_length=1000)
    practices: list[str] = Field(default_factory=list)
    prompts: list[OwnStrategyPrompt] = Field(min_length=1)


class OwnPrompts(Strict):
    """The file prompts.yaml: added questions, hidden ones, and strategies of one's own."""

    prompts: list[OwnPrompt] = Field(default_factory=list)
    hidden: list[str] = Field(default_factory=list)
    strategies: list[OwnStrategy] = Field(default_factory=list)


# --- The store -------------------------------------------------------------------


class Settings(Strict):
    name: str | None = Field(default=None, min_length=1, max_length=60)
    partner: str | None = Field(default=None, min_length=1, max_length=60)
    week_starts: Weekday = "sunday"
    talk_day: Weekday = "sunday"
    talk_time: str = Field(default="19:30", pattern=_CLOCK)
    talk_minutes: int = Field(default=45, ge=15, le=180)
    focus_count: int = Field(default=2, ge=1, le=4)
    prompt_count: int = Field(default=3, ge=1, le=8)
    # An IANA zone such as Europe/Berlin; None follows the system's zone.
    timezone: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*$")

    @property
    def you(self) -> str:
        return self.name or "You"

    @property
    def them(self) -> str:
        return self.partner or "your partner"


class CheckIn(Strict):
    id: str = Field(pattern=_UUID)
    date: date
    rating: Rating
    partner_rating: Rating | None = None
    strategies: list[str] = Field(default_factory=list)
    minutes: int | None = Field(default=None, ge=1, le=600)
    highlight: str | None = None
    note: str | None = None
    prompts: list[str] = Field(default_factory=list)
    created_at: AwareDateTime
    updated_at: AwareDateTime


class FocusPick(Strict):
    id: str
    why: str


class WeekRecord(Strict):
    """A week's plan as it was first shown; it never changes afterwards."""

    week_start: date
    focus: list[FocusPick] = Field(min_length=1)
    prompts: list[str]
    created_at: AwareDateTime


class Rotation(Strict):
    """The fair rotation: each cycle's order is fixed the moment the cycle begins."""

    seed: int = Field(ge=0)
    cycles: list[list[str]] = Field(default_factory=list)


NoteKind = Literal["appreciation", "topic", "plan"]


class InboxNote(Strict):
    """Something jotted down during the week, for the next talk.

    It is open until the first check-in logged after it, which settles it.
    """

    id: str = Field(pattern=_UUID)
    kind: NoteKind = "topic"
    text: str = Field(min_length=1)
    created_at: AwareDateTime


class MovedTalk(Strict):
    """One week's talk, moved away from the regular slot (within its own week)."""

    week_start: date
    start: AwareDateTime


class Store(Strict):
    schema_version: Literal[3] = SCHEMA_VERSION
    created_at: AwareDateTime
    settings: Settings = Field(default_factory=Settings)
    rotation: Rotation
    # Weeks in the order they were planned: the rotation is replayed in this order.
    weeks: list[WeekRecord] = Field(default_factory=list)
    prompt_offers: dict[str, int] = Field(default_factory=dict)
    checkins: list[CheckIn] = Field(default_factory=list)
    # Weeks whose talk is skipped or moved; a week is in at most one of the two.
    skipped_weeks: list[date] = Field(default_factory=list)
    moved_talks: list[MovedTalk] = Field(default_factory=list)
    notes: list[InboxNote] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_records(self) -> Store:
        starts = [week.week_start for week in self.weeks]
        if len(set(starts)) != len(starts):
            raise ValueError("weeks: a week is planned twice")
        ids = [checkin.id for checkin in self.checkins]
        if len(set(ids)) != len(ids):
            raise ValueError("checkins: two check-ins share an id")
        moved = [talk.week_start for talk in self.moved_talks]
        if len(set(moved)) != len(moved) or set(moved) & set(self.skipped_weeks):
            raise ValueError("a week's talk is moved twice, or both moved and skipped")
        return self

    def open_notes(self) -> list[InboxNote]:
        """Notes not yet settled: no check-in has been logged since they were written."""
        last_logged = max((c.created_at for c in self.checkins), default=None)
        return [n for n in self.notes if last_logged is None or n.created_at > last_logged]

    def moved_talk(self, week_start: date) -> MovedTalk | None:
        return next((talk for talk in self.moved_talks if talk.week_start == week_start), None)

    def week(self, week_start: date) -> WeekRecord | None:
        return next((week for week in self.weeks if week.week_start == week_start), None)


# --- Views: what commands show ------------------------------------------------------


class View(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SlotView(View):
    """One week's talk: when it starts, and whether it was skipped or moved."""

    week_start: date
    start: datetime
    end: datetime
    minutes: int
    day: Weekday
    time: str
    skipped: bool = False
    moved: bool = False


class RegularSlot(View):
    day: Weekday
    time: str
    minutes: int
    timezone: str | None


class ScheduleView(View):
    slot: RegularSlot
    upcoming: list[SlotView]


class FocusTitle(View):
    id: str
    number: int
    title: str


class NextTalk(View):
    start: datetime
    end: datetime
    minutes: int
    moved: bool
    starts_in: str
    focus: list[FocusTitle]


class FocusView(View):
    id: str
    number: int
    title: str
    summary: str
    why: str
    practices: list[str]


class AgendaStep(View):
    title: str
    minutes: int
    starts_at: str
    about: str


class PromptView(View):
    id: str
    strategy: str
    text: str
    depth: Depth


class RecentWeeks(View):
    weeks: int
    weeks_with_checkin: int
    last_checkin: date | None
    last_rating: int | None
    last_partner_rating: int | None
    summary: str


class WeekPlan(View):
    week_start: date
    week_end: date
    preview: bool
    names: dict[str, str | None]
    slot: SlotView
    focus: list[FocusView]
    agenda: list[AgendaStep]
    prompts: list[PromptView]
    recent: RecentWeeks
    nudge: str | None = None
    notes: list[InboxNote] = Field(default_factory=list)


class StrategySummary(View):
    id: str
    number: int
    title: str
    summary: str


class StrategyDetail(StrategySummary):
    practices: list[str]
    prompts: list[PromptView]
    guidance: Guidance | None


def weekday_index(name: str) -> int:
    """Monday is 0, as in ``date.weekday()``."""
    return WEEKDAYS.index(name)


class BackupInfo(View):
    id: str
    created_at: datetime
    checkins: int | None  # None when the backup cannot be read


class ImportConflict(View):
    id: str
    kept: Literal["theirs", "ours"]


class ImportReport(View):
    file: str
    added: int
    already_there: int
    conflicts: list[ImportConflict]


class DoctorCheck(View):
    name: str
    ok: bool
    detail: str
    fixed: bool = False


class DoctorReport(View):
    healthy: bool
    checks: list[DoctorCheck]
    advice: str | None


class ChartWeek(View):
    week_start: date
    rating: float | None
    partner_rating: float | None
    skipped: bool


class StrategyStats(View):
    id: str
    title: str
    featured: int
    practiced: int
    average_rating: float | None


class Stats(View):
    weeks: int
    weeks_with_checkin: int
    skipped_weeks: int
    longest_run: int
    average_rating: float | None
    average_partner_rating: float | None
    trend: Literal["up", "down", "steady"] | None
    summary: str
    trend_note: str
    chart: list[ChartWeek]
    strategies: list[StrategyStats]
    partner_gap: str | None
    nudge: str | None
