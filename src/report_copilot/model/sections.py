"""The narrative units of a report in one table: key, heading, clerk's name, notes field, fact homes and
the figures its prose may quote.

Model prompts, the drafters, the pipeline's data slices and the TUI's stream titles all read this
table, so a unit is described once. The six fixed headings and five sub-headings themselves stay in
`model.draft` (they are what the Markdown reader matches).
"""

from __future__ import annotations

from dataclasses import dataclass

from report_copilot.model.draft import OVERVIEW_SUBSECTIONS, SECTION_HEADINGS

_SUMMARY_ROWS = ("new", "carried_over", "total", "carried_forward")
_OUTCOME_GROUPS = ("granted_or_partial", "denied", "unavailable", "not_processed", "other")


@dataclass(frozen=True)
class SectionSpec:
    """One narrative unit a backend writes."""

    key: str
    heading: str
    """The printed heading the unit sits under ("" for the opening paragraph)."""
    name: str
    """How the unit is named to a clerk in messages and stream titles."""
    notes_field: str | None
    """The `notes` field feeding the unit."""
    fact_homes: frozenset[str] = frozenset()
    """Fact `section` values (or id prefixes) whose facts belong to this unit."""
    keys: frozenset[str] = frozenset()
    """Reference keys the unit's prose may quote, exactly."""
    prefixes: tuple[str, ...] = ()
    """Reference key prefixes the unit's prose may quote."""
    yoy_diff_prefix: str | None = None
    """Year-on-year differences (`…diff`) under this prefix are quotable too."""

    def quotes(self, key: str) -> bool:
        """Whether the reference `key` (not a fact) belongs to this unit's data slice."""
        if key in self.keys or (self.prefixes and key.startswith(self.prefixes)):
            return True
        return bool(self.yoy_diff_prefix and key.startswith(self.yoy_diff_prefix) and key.endswith(".diff"))


def _sub(
    key: str,
    notes: str,
    homes: tuple[str, ...],
    *,
    keys: frozenset[str] = frozenset(),
    prefixes: tuple[str, ...] = (),
    yoy_diff_prefix: str | None = None,
) -> SectionSpec:
    """A sub-area of 一: its heading and name come from `OVERVIEW_SUBSECTIONS`."""
    return SectionSpec(
        key=key,
        heading=OVERVIEW_SUBSECTIONS[key],
        name="一" + OVERVIEW_SUBSECTIONS[key],
        notes_field=notes,
        fact_homes=frozenset(homes),
        keys=keys,
        prefixes=prefixes,
        yoy_diff_prefix=yoy_diff_prefix,
    )


_ON_REQUEST_KEYS = frozenset(
    {f"requests.{row}.total" for row in (*_SUMMARY_ROWS, "granted", "partially_granted")}
    | {"requests.new.natural_person", "derived.requests.new.legal_persons"}
    | {f"derived.requests.{g}.total" for g in _OUTCOME_GROUPS}
    | {f"rate.requests.{g}.total" for g in (*_OUTCOME_GROUPS, "granted", "partially_granted")}
    | {"yoy.requests.new.total.diff", "yoy.requests.new.total.pct", "yoy.requests.total.total.diff"}
    | {"appeals.direct_suit.total", "appeals.suit_after_review.total"}
)

_ACTIVE_HOMES = ("active_disclosure", "active")

SECTIONS: dict[str, SectionSpec] = {
    spec.key: spec
    for spec in (
        SectionSpec("preface", "", "报告开头说明", "preface"),
        SectionSpec(
            "overview",
            SECTION_HEADINGS["overview"],
            "一、总体情况（导语）",
            None,
            fact_homes=frozenset({"", "overview", *_ACTIVE_HOMES}),
            keys=frozenset(
                {
                    "requests.new.total",
                    "requests.total.total",
                    "requests.carried_forward.total",
                    "appeals.review.total",
                    "derived.appeals.litigation.total",
                    "yoy.requests.new.total.diff",
                    "yoy.requests.new.total.pct",
                }
            ),
        ),
        _sub(
            "overview.active_disclosure",
            "active_disclosure",
            _ACTIVE_HOMES,
            prefixes=("active.",),
            yoy_diff_prefix="yoy.active.",
        ),
        _sub(
            "overview.on_request",
            "on_request",
            ("on_request", "requests"),
            keys=_ON_REQUEST_KEYS,
            prefixes=("appeals.review.", "derived.appeals.litigation."),
        ),
        _sub(
            "overview.information_management",
            "information_management",
            ("information_management", "management"),
        ),
        _sub("overview.platforms", "platforms", ("platforms", "platform")),
        _sub("overview.oversight", "oversight", ("oversight", "supervision")),
        SectionSpec(
            "problems",
            SECTION_HEADINGS["problems"],
            SECTION_HEADINGS["problems"],
            "problems",
            fact_homes=frozenset({"problems"}),
            keys=frozenset(
                {
                    "appeals.review.corrected",
                    "appeals.review.total",
                    "derived.appeals.litigation.corrected",
                    "derived.appeals.litigation.total",
                }
            ),
        ),
        SectionSpec("other", SECTION_HEADINGS["other"], SECTION_HEADINGS["other"], "other_matters"),
    )
}
"""Every narrative unit, in reading order."""

NARRATIVE_SECTIONS: tuple[str, ...] = tuple(SECTIONS)

SECTION_TITLES: dict[str, str] = {
    "preface": "开头",
    **SECTION_HEADINGS,
    **{k: spec.name for k, spec in SECTIONS.items() if k.startswith("overview.")},
}
"""How a streamed unit (or a fixed section) is titled while it arrives."""


def section_name(key: str) -> str:
    """The clerk's name of a unit, or the key itself for anything else."""
    spec = SECTIONS.get(key)
    return spec.name if spec is not None else key
