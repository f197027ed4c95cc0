"""The steps of a guided talk, built from the week's plan (pure; no terminal here).

Each agenda step carries what belongs to it: appreciations noted during the week
come up in the appreciation step, topics in the focus conversation, plans in the
planning step; the focus conversation also carries the week's questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reconnect_cli.models import InboxNote, PromptView, WeekPlan

LISTENING_RULE = "Listener: sum up what you heard before you answer. Then swap."

# Which step each kind of note belongs to, by the step's position in the agenda.
_NOTE_STEP = {"appreciation": 1, "topic": 3, "plan": 4}
FOCUS_STEP = 3


@dataclass(frozen=True)
class TalkStep:
    """One step of the guided talk."""

    number: int
    title: str
    minutes: int
    about: str
    notes: list[InboxNote] = field(default_factory=list)
    prompts: list[PromptView] = field(default_factory=list)
    rule: str | None = None


def talk_steps(plan: WeekPlan) -> list[TalkStep]:
    steps = []
    for index, step in enumerate(plan.agenda):
        steps.append(
            TalkStep(
                number=index + 1,
                title=step.title,
                minutes=step.minutes,
                about=step.about,
                notes=[n for n in plan.notes if _NOTE_STEP.get(n.kind) == index],
                prompts=list(plan.prompts) if index == FOCUS_STEP else [],
                rule=LISTENING_RULE if index == FOCUS_STEP else None,
            )
        )
    return steps
