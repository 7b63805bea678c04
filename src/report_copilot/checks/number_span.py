"""One number found in prose: where it is, what it says (value, unit, precision, qualifier), and
whether a figure of the data is what it says (`NumberSpan.agrees`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from report_copilot.model.refs import Approx, round_half_up


@dataclass(slots=True)
class NumberSpan:
    """One numeral run in prose and what it claims (or why it claims nothing)."""

    start: int
    end: int
    """The whole mention: prefix qualifier … unit / post qualifier."""
    num_start: int
    num_end: int
    text: str
    value: Decimal | None = None
    """In base units: 2.1万次 → 21000; 0.5万元 → 5000 (元); 15% → 15; 三分之一 → 33.33… (%)."""
    unit: str | None = None
    """Base unit: 件, 次, 元, %, 个百分点 …"""
    written_unit: str | None = None
    """As written: 万元, 万次 …"""
    places: int = 0
    step: Decimal = Decimal(1)
    """Printed precision in base units (2.1万 → 1000)."""
    sig: Decimal = Decimal(1)
    """Significance step of the written figure (100余 → 100; 3218余 → 1)."""
    approx: Approx = "exact"
    qualifier: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    exempt: str | None = None
    negative_word: bool = False
    unreadable: str | None = None
    """Set when the run is a numeral the extractor cannot read: it fails closed (unsupported)."""

    @property
    def is_percent(self) -> bool:
        return self.unit in {"%", "个百分点"}

    def agrees(self, ref: Decimal | int, ref_approx: str | None = None) -> bool:
        """Whether a data value is what this mention says, given its qualifier and printed precision."""
        if self.value is None:
            return False
        ref = Decimal(ref)
        v = self.value
        if self.approx == "range":
            return self.low is not None and self.high is not None and self.low <= ref <= self.high
        if self.approx == "exact":
            if self.step == 1 and self.places == 0 and ref == ref.to_integral_value():
                return ref == v
            return round_half_up(ref / self.step, 0) * self.step == v
        sig = max(self.sig, self.step)
        match self.approx:
            case "ge_sig":
                return v <= ref < v + sig
            case "ge":
                return ref >= v
            case "le_near":
                return v - sig < ref <= v
            case "lt":
                return ref < v
            case "le":
                return ref <= v
            case "about":
                return abs(ref - v) <= sig / 2 if sig > 1 else abs(ref - v) <= max(sig, v * Decimal("0.05"))
        return False
