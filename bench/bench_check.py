"""Mutation benchmark of the number checker (`copilot check`), plus its throughput.

Corpus of correct drafts, each with its data:
- the template drafter's draft of every bundled example (when the drafter is importable);
- a wording-variant draft per example: every cell, derived value, rate, fact and (with last year)
  year-on-year figure quoted in the wordings drafters and clerks use (label + value + unit, aliases,
  其中 lists, 占比, 较上年增加/增长, 上年为 …);
- the seed report's prose (examples/guyuan-2019.md) with its figures declared as facts;
- crafted drafts in the wordings of published reports and model-written drafts
  (tests/numbers/real_form_drafts.py: 分别为 lists, 由上年的N件增至M件, 占比, Chinese numerals, 共计/合计/
  累计), each sentence that holds a planted error left out so the draft is correct.

Errors injected one at a time into bound numbers: digit change, swapped cells, wrong unit or
multiplier, Chinese-numeral rewrite of a wrong value, invented number, wrong percentage, 收到 quoting
（七）总计, a wrong value in 大写/full-width/superscript/circled digits, the right value behind a bidi
control or split by a zero-width character, and a claim without a figure the tables contradict (无结转,
均予以公开, 翻了一番). Changes that leave the statement true are not injected: a low digit of an
approximation (2300余条 → 2310余条), or a 办结 figure that becomes the table's balance read with the
carry-over in (新收 + 上年结转), which issue 10 asks to pass with a warning. A mutation is detected when the mutated block gets an error it did not have. False alarms:
error verdicts on the unmutated drafts. Throughput: characters of prose checked per second (warm:
references built once per report), against a baseline measured in the same run (a bare regex scan of
the same text for digits).

Goals: 100 % detection, 0 false alarms, ≥ 500,000 characters per second.
Run: python bench/bench_check.py [--per-kind N] [--repeat N] [--seed N]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(1, str(ROOT))

from report_copilot.checks.derived import references  # noqa: E402
from report_copilot.checks.prose import Mention, ProseCheck, check_draft  # noqa: E402
from report_copilot.inputs.json_input import report_from_data  # noqa: E402
from report_copilot.model.draft import Block, Draft  # noqa: E402
from report_copilot.model.refs import (  # noqa: E402
    MID_QUALIFIERS,
    POST_QUALIFIERS,
    PREFIX_QUALIFIERS,
    Reference,
)
from report_copilot.model.report import ReportBase  # noqa: E402

GOAL_CPS = 500_000


@dataclass
class Case:
    name: str
    draft: Draft
    report: ReportBase


def load(name: str, previous: str | None = None, facts: list[dict[str, object]] | None = None) -> ReportBase:
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    if previous:
        data["previous"] = json.loads((EXAMPLES / previous).read_text(encoding="utf-8"))
    else:
        data.pop("previous", None)
    if facts is not None:
        data["facts"] = facts
    return report_from_data(data)


# ---------------------------------------------------------------- corpus
def _phrases(ref: Reference, refs: dict[str, Reference]) -> list[str]:
    """Ways prose quotes one figure (the drafter's label + value + unit, and a few clerk variants)."""
    out = [ref.phrase()]
    if ref.kind in {"cell", "derived"} and ref.label.endswith("政府信息公开申请") and "、" not in ref.label:
        out.append(f"{ref.label.removesuffix('政府信息公开申请')}申请{ref.text}{ref.unit}")
    return out


def variant_draft(report: ReportBase) -> Draft:
    """Every non-zero figure of the report quoted in drafter wordings, one sentence each, plus lists."""
    refs = references(report)
    blocks: list[Block] = [Block(kind="title", text="核对基准稿")]
    section_of = {"requests": "requests", "appeals": "appeals", "active": "active"}
    sentences: dict[str, list[str]] = {}
    for key, ref in refs.items():
        if ref.kind == "yoy" and not key.endswith((".diff", ".pct")):
            continue
        if ref.kind == "yoy" and (ref.value == 0 or "rate." in key and key.endswith(".pct")):
            continue
        if ref.kind == "rate" and not (Decimal(0) < Decimal(ref.value) < 100):
            continue
        table = key.removeprefix("derived.").removeprefix("rate.").removeprefix("yoy.").split(".")[0]
        section = section_of.get(table, "overview.active_disclosure")
        for phrase in _phrases(ref, refs):
            sentences.setdefault(section, []).append(f"2024年，本机关{phrase}。")
    new, total = refs.get("requests.new.total"), refs.get("requests.total.total")
    if new and total:
        lists = [
            f"全年共收到政府信息公开申请{new.text}件，其中自然人{refs['requests.new.natural_person'].text}件、"
            f"法人或其他组织{refs['derived.requests.new.legal_persons'].text}件。",
            f"本年度办结政府信息公开申请{total.text}件，其中予以公开{refs['requests.granted.total'].text}件，"
            f"部分公开{refs['requests.partially_granted.total'].text}件，不予公开{refs['derived.requests.denied.total'].text}件，"
            f"无法提供{refs['derived.requests.unavailable.total'].text}件，不予处理{refs['derived.requests.not_processed.total'].text}件。",
        ]
        gop = refs.get("rate.requests.granted_or_partial.total")
        if gop is not None:
            lists.append(
                f"予以公开及部分公开{refs['derived.requests.granted_or_partial.total'].text}件，占办结总数的{gop.text}%。"
            )
        sentences.setdefault("requests", []).extend(lists)
    review = refs.get("appeals.review.total")
    if review:
        sentences.setdefault("appeals", []).append(
            f"全年被申请行政复议{review.text}件，其中结果维持{refs['appeals.review.upheld'].text}件、"
            f"结果纠正{refs['appeals.review.corrected'].text}件。"
        )
    for section, items in sentences.items():
        for i in range(0, len(items), 6):
            blocks.append(Block(kind="paragraph", text="".join(items[i : i + 6]), section=section))
    return Draft(title="核对基准稿", blocks=blocks)


def template_draft(report: ReportBase) -> Draft | None:
    """The offline drafter's output (issue 4), when that module is present in this checkout."""
    try:
        from report_copilot.drafting.template import template_draft as draft_with_template
    except ImportError:
        return None
    draft, _ = draft_with_template(report)
    return draft


def seed_case() -> Case:
    """The seed's prose with every figure it quotes declared as a fact, so nothing is unsupported."""
    text = (EXAMPLES / "guyuan-2019.md").read_text(encoding="utf-8")
    draft = Draft.from_markdown(text)
    report = load("guyuan-2019.json", facts=[])
    facts: list[dict[str, object]] = []
    result = check_draft(draft, report)
    for m in result.mentions:
        if m.verdict != "unsupported" or m.block is None:
            continue
        block = draft.blocks[m.block].text
        start = max(block.rfind(ch, 0, m.start) for ch in "，。；：、") + 1
        label = block[start : m.start].strip(' “”"').removeprefix("共")
        if len(label) < 2:
            continue
        unit = m.unit or ""
        value = m.value or 0
        if unit == "%" or value is None:
            continue
        qualifier = re.search(r"(余|多|超过)", m.text)
        facts.append(
            {
                "id": f"seed.{len(facts)}",
                "label": label,
                "value": str(value),
                "unit": unit,
                "qualifier": qualifier.group(1) if qualifier else None,
            }
        )
    seeded = load("guyuan-2019.json", facts=facts)
    seeded.proper_names.extend(["三个领域", "三个重点领域"])  # names of a set of domains, not counts
    return Case("seed guyuan-2019.md + facts", draft, seeded)


def crafted_cases() -> list[Case]:
    """The crafted real-form drafts, without their sentences that hold a planted error."""
    try:
        from tests.numbers.real_form_drafts import DRAFTS, plain, planted
    except ImportError:  # a checkout without the tests
        return []
    from report_copilot.checks.prose import check_text

    by_data: dict[tuple[str, str | None], list[Block]] = {}
    reports: dict[tuple[str, str | None], ReportBase] = {}
    for d in DRAFTS:
        report = reports.setdefault((d.data, d.previous), load(d.data, d.previous))
        text = plain(d.text)
        numbers, claims = planted(d.text)
        # each planted number replaced by what the data holds; a planted claim's sentence left out
        fixes = {m.start: m for m in check_text(text, report, d.section).mentions if m.expected}
        for s, e in sorted(numbers, reverse=True):
            m = fixes.get(s)
            if m is not None and m.end == e and m.expected:
                text = text[:s] + m.expected + text[e:]
                shift = len(m.expected) - (e - s)
                claims = [(cs + shift, ce + shift) if cs > s else (cs, ce) for cs, ce in claims]
        kept, start = [], 0
        for m2 in re.finditer(r"[。！？]", text):
            if not any(start <= s < m2.end() for s, _ in claims):
                kept.append(text[start : m2.end()])
            start = m2.end()
        if kept:
            block = Block(kind="paragraph", text="".join(kept), section=d.section)
            by_data.setdefault((d.data, d.previous), []).append(block)
    cases = []
    for (data, previous), blocks in by_data.items():
        report = reports[(data, previous)]
        title = f"crafted {data.removesuffix('.json')}{' (+prev)' if previous else ''}"
        cases.append(
            Case(title, Draft(title=title, blocks=[Block(kind="title", text=title), *blocks]), report)
        )
    return cases


def corpus() -> list[Case]:
    y24 = load("yunxi-amr-2024.json", "yunxi-amr-2023.json")
    y23 = load("yunxi-amr-2023.json")
    gy = load("guyuan-2019.json")
    cases = [
        Case("variants yunxi-2024 (+2023)", variant_draft(y24), y24),
        Case("variants yunxi-2023", variant_draft(y23), y23),
        Case("variants guyuan-2019", variant_draft(gy), gy),
        seed_case(),
        *crafted_cases(),
    ]
    for name, report in (
        ("template yunxi-2024", y24),
        ("template yunxi-2023", y23),
        ("template guyuan-2019", gy),
    ):
        draft = template_draft(report)
        if draft is not None:
            cases.append(Case(name, draft, report))
    return cases


# ---------------------------------------------------------------- mutations
Mutator = Callable[[Case, Mention, random.Random], "tuple[str, str] | None"]
"""(case, mention to mutate) → (new block text, what was done), or None when not applicable."""


def _replace(text: str, m: Mention, new: str) -> str:
    return text[: m.start] + new + text[m.end :]


def _digits(m: Mention) -> re.Match[str] | None:
    return re.search(r"\d[\d,]*(?:\.\d+)?", m.text)


_QUALIFIED = re.compile(
    "|".join(sorted([*PREFIX_QUALIFIERS, *MID_QUALIFIERS, *POST_QUALIFIERS], key=len)[::-1])
)


def _approximate(m: Mention) -> bool:
    """100余人: changing a low digit may leave the statement true, so only the leading digit changes."""
    return _QUALIFIED.search(m.text) is not None


def _balance_reading(case: Case, m: Mention, value: int) -> bool:
    """Whether a 办结 figure changed to `value` reads the table's balance with the carry-over in
    (新收 + 上年结转, 总计 − 结转下年度): a wording the checker passes with a warning (issue 10), so
    such a change is not injected as an error."""
    if not (m.ref or "").startswith("requests.total."):
        return False
    col = (m.ref or "").rsplit(".", 1)[1]
    refs = references(case.report)
    cells = {
        row: refs.get(f"requests.{row}.{col}") for row in ("new", "carried_over", "total", "carried_forward")
    }
    got = {row: Decimal(ref.value) for row, ref in cells.items() if ref is not None}
    if len(got) < 4:
        return False
    return value in {got["new"] + got["carried_over"], got["total"] - got["carried_forward"]}


def digit_change(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    d = _digits(m)
    if d is None:
        return None
    s = d.group()
    positions = [i for i, ch in enumerate(s) if ch.isdigit()]
    i = positions[0] if _approximate(m) else rng.choice(positions)
    new_digit = str((int(s[i]) + rng.randint(1, 8)) % 10)
    if i == 0 and new_digit == "0" and len(positions) > 1:
        new_digit = "1" if s[0] != "1" else "2"
    mutated = s[:i] + new_digit + s[i + 1 :]
    if "." not in mutated and _balance_reading(case, m, int(mutated.replace(",", ""))):
        return None
    text = m.text[: d.start()] + mutated + m.text[d.end() :]
    block = case.draft.blocks[m.block or 0].text
    return _replace(block, m, text), f"{m.text} → {text}"


def swapped_cells(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    block = case.draft.blocks[m.block or 0].text
    result = _check_block(case, m.block or 0)
    others = [
        o for o in result.mentions
        if o.verdict == "bound" and o.unit == m.unit and o.value != m.value and o.start != m.start
    ]  # fmt: skip
    if not others:
        return None
    o = rng.choice(others)
    first, second = (m, o) if m.start < o.start else (o, m)
    text = (
        block[: first.start]
        + second.text
        + block[first.end : second.start]
        + first.text
        + block[second.end :]
    )
    return text, f"{m.text} ⇄ {o.text}"


def wrong_unit(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    d = _digits(m)
    if d is None:
        return None
    block = case.draft.blocks[m.block or 0].text
    rest = m.text[d.end() :]
    if rest.startswith("万"):
        new = m.text[: d.end()] + rest[1:]
    elif rest.startswith("%"):
        new = m.text[: d.end()] + "个百分点" + rest[1:]
    elif rest.startswith("个百分点"):
        new = m.text[: d.end()] + "%" + rest[4:]
    else:
        new = m.text[: d.end()] + "万" + rest
    if m.value == 0:
        return None  # 0件 and 0万件 are the same number
    return _replace(block, m, new), f"{m.text} → {new}"


def chinese_rewrite(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    import cn2an

    d = _digits(m)
    if d is None or "." in d.group() or m.unit in {"%", "个百分点"} or _approximate(m):
        return None
    wrong = int(d.group().replace(",", "")) + rng.choice([1, 2, 3, 10])
    if _balance_reading(case, m, wrong):
        return None
    numeral = cn2an.an2cn(str(wrong), "low")
    new = m.text[: d.start()] + numeral + m.text[d.end() :]
    block = case.draft.blocks[m.block or 0].text
    return _replace(block, m, new), f"{m.text} → {new}"


_INVENTED = ["另办理电话咨询", "开展专项检查", "接待群众来访", "更新办事指南", "处理网络舆情"]


def invented_number(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    block = case.draft.blocks[m.block or 0].text
    phrase = f"{rng.choice(_INVENTED)}{rng.randint(3, 97)}{rng.choice(['件', '次', '条', '场'])}"
    at = m.end
    return block[:at] + "，" + phrase + block[at:], f"+「{phrase}」"


def wrong_percentage(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    if m.unit != "%":
        return None
    d = _digits(m)
    if d is None:
        return None
    s = d.group()
    last = len(s) - 1
    mutated = s[:last] + str((int(s[last]) + rng.randint(1, 8)) % 10)
    new = m.text[: d.start()] + mutated + m.text[d.end() :]
    block = case.draft.blocks[m.block or 0].text
    return _replace(block, m, new), f"{m.text} → {new}"


def received_total(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    if m.ref != "requests.new.total":
        return None
    refs = references(case.report)
    new, total = refs["requests.new.total"], refs["requests.total.total"]
    if new.value == total.value:
        return None
    d = _digits(m)
    if d is None:
        return None
    text = m.text[: d.start()] + total.text + m.text[d.end() :]
    block = case.draft.blocks[m.block or 0].text
    return _replace(block, m, text), f"收到 {m.text} → {text}（（七）总计）"


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def hostile_numeral(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    """A wrong value written as 大写, full-width, superscript or circled digits (issue 12)."""
    import cn2an

    d = _digits(m)
    if d is None or "." in d.group() or m.unit in {"%", "个百分点"} or _approximate(m):
        return None
    wrong = int(d.group().replace(",", "")) + rng.choice([1, 2, 3, 10])
    if _balance_reading(case, m, wrong):
        return None
    form = rng.choice(["capital", "fullwidth", "superscript", "circled"])
    if form == "capital":
        numeral = cn2an.an2cn(str(wrong), "up")
    elif form == "circled" and 1 <= wrong <= 20:
        numeral = chr(0x2460 + wrong - 1)
    elif form == "superscript":
        numeral = str(wrong).translate(_SUPERSCRIPT)
    else:
        numeral = str(wrong).translate(_FULLWIDTH)
    new = m.text[: d.start()] + numeral + m.text[d.end() :]
    block = case.draft.blocks[m.block or 0].text
    return _replace(block, m, new), f"{m.text} → {new}"


def hidden_character(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    """The right value wrapped in a bidi override or split by a zero-width character."""
    d = _digits(m)
    if d is None:
        return None
    digits = d.group()
    if rng.random() < 0.5 or len(digits) < 2:
        hidden = "\u202e" + digits + "\u202c"
    else:
        hidden = digits[0] + "\u200b" + digits[1:]
    new = m.text[: d.start()] + hidden + m.text[d.end() :]
    block = case.draft.blocks[m.block or 0].text
    return _replace(block, m, new), f"{m.text} → {new!r}"


def claim_without_figure(case: Case, m: Mention, rng: random.Random) -> tuple[str, str] | None:
    """A sentence the tables contradict without quoting a number (无结转, 均予以公开, 翻了一番)."""
    refs = references(case.report)
    claims = []
    forward = refs.get("requests.carried_forward.total")
    if forward is not None and forward.value:
        claims.append("本年度收到的政府信息公开申请已全部办结，无结转。")
    total, granted = refs.get("requests.total.total"), refs.get("requests.granted.total")
    if total is not None and granted is not None and total.value != granted.value:
        claims.append("对所有政府信息公开申请均予以公开。")
    previous = refs.get("yoy.requests.new.total.previous")
    new = refs.get("requests.new.total")
    if (
        previous is not None
        and new is not None
        and previous.value
        and not (Decimal("1.9") <= Decimal(new.value) / Decimal(previous.value) <= Decimal("2.1"))
    ):
        claims.append("本年新收政府信息公开申请较上年翻了一番。")
    if not claims:
        return None
    claim = rng.choice(claims)
    block = case.draft.blocks[m.block or 0].text
    return block + claim, f"+「{claim}」"


MUTATORS: dict[str, Mutator] = {
    "digit change": digit_change,
    "swapped cells": swapped_cells,
    "wrong unit/multiplier": wrong_unit,
    "Chinese numeral, wrong value": chinese_rewrite,
    "invented number": invented_number,
    "wrong percentage": wrong_percentage,
    "收到 quoting 总计": received_total,
    "大写/全角/上标/圈码, wrong value": hostile_numeral,
    "hidden character in a number": hidden_character,
    "claim without a figure": claim_without_figure,
}


def _check_block(case: Case, index: int, text: str | None = None) -> ProseCheck:
    draft = copy.copy(case.draft)
    draft.blocks = list(case.draft.blocks)
    if text is not None:
        block = case.draft.blocks[index]
        draft.blocks[index] = Block(kind=block.kind, text=text, level=block.level, section=block.section)
    only = Draft(title=draft.title, blocks=[draft.blocks[index]])
    result = check_draft(only, case.report)
    for m in result.mentions:
        m.block = index
    return result


def run_mutations(cases: list[Case], per_kind: int, seed: int) -> dict[str, tuple[int, int, list[str]]]:
    rng = random.Random(seed)
    out: dict[str, tuple[int, int, list[str]]] = {}
    for kind, mutate in MUTATORS.items():
        tried = detected = 0
        missed: list[str] = []
        for case in cases:
            base = check_draft(case.draft, case.report)
            bound = [m for m in base.mentions if m.verdict == "bound" and m.block is not None]
            rng.shuffle(bound)
            n = 0
            for m in bound:
                if n >= per_kind:
                    break
                mutated = mutate(case, m, rng)
                if mutated is None:
                    continue
                text, what = mutated
                n += 1
                tried += 1
                before = sum(x.is_error for x in base.mentions if x.block == m.block)
                result = _check_block(case, m.block or 0, text)
                errors = sum(x.is_error for x in result.mentions) + sum(
                    f.severity == "error" for f in result.claims
                )
                if errors > before:
                    detected += 1
                else:
                    missed.append(f"{case.name}: {what}")
        out[kind] = (tried, detected, missed)
    return out


def throughput(cases: list[Case], repeat: int) -> dict[str, float]:
    """Characters per second over the corpus, best of `repeat` rounds (as timeit does: the machine may
    be shared, and the best round is the one least disturbed), by wall clock and by CPU time, for the
    checker and for the baseline (a regex scan of the same text for digits)."""
    chars = sum(len(b.text) for c in cases for _, b in c.draft.paragraphs())
    for c in cases:
        check_draft(c.draft, c.report)  # warm: references, alias index, cn2an import

    def best(run: Callable[[], object]) -> tuple[float, float]:
        walls, cpus = [], []
        for _ in range(repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        return min(walls), max(min(cpus), 1e-9)

    wall, cpu = best(lambda: [check_draft(c.draft, c.report) for c in cases])
    digits = re.compile(r"\d+")
    texts = [b.text for c in cases for _, b in c.draft.paragraphs()]
    base_wall, base_cpu = best(lambda: [digits.findall(t) for t in texts])
    return {
        "chars": chars,
        "wall": chars / wall,
        "cpu": chars / cpu,
        "base_wall": chars / base_wall,
        "base_cpu": chars / base_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-kind", type=int, default=40, help="mutations per kind per draft")
    parser.add_argument("--repeat", type=int, default=15, help="timed rounds over the corpus (best is kept)")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--show-missed", action="store_true")
    args = parser.parse_args()

    cases = corpus()
    print(f"{'draft':<34} {'chars':>7} {'numbers':>8} {'bound':>6} {'exempt':>7} {'false alarms':>13}")
    total_alarms = 0
    for case in cases:
        result = check_draft(case.draft, case.report)
        counts = result.counts()
        alarms = len(result.problems) + sum(f.severity == "error" for f in result.claims)
        total_alarms += alarms
        chars = sum(len(b.text) for _, b in case.draft.paragraphs())
        print(
            f"{case.name:<34} {chars:>7} {len(result.mentions):>8} {counts['bound']:>6} {counts['exempt']:>7} {alarms:>13}"
        )
        if alarms and args.show_missed:
            for m in result.problems:
                print(f"    ! {m.text}: {m.message}")
    print()
    results = run_mutations(cases, args.per_kind, args.seed)
    print(f"{'mutation kind':<32} {'injected':>9} {'detected':>9} {'rate':>8}")
    all_tried = all_detected = 0
    for kind, (tried, detected, missed) in results.items():
        all_tried += tried
        all_detected += detected
        rate = f"{detected / tried:.1%}" if tried else "—"
        print(f"{kind:<32} {tried:>9} {detected:>9} {rate:>8}")
        if args.show_missed:
            for line in missed[:10]:
                print(f"    missed: {line}")
    print(f"{'all kinds':<32} {all_tried:>9} {all_detected:>9} {all_detected / max(all_tried, 1):>8.1%}")
    print()
    t = throughput(cases, args.repeat)
    print(f"{'throughput (characters/s)':<32} {'wall clock':>14} {'CPU time':>14}")
    print(f"{'number checker':<32} {t['wall']:>14,.0f} {t['cpu']:>14,.0f}")
    print(f"{'baseline: regex digit scan':<32} {t['base_wall']:>14,.0f} {t['base_cpu']:>14,.0f}")
    print(
        f"corpus {t['chars']:,.0f} characters, best of {args.repeat} rounds; checker/baseline = {t['cpu'] / t['base_cpu']:.4f};"
        f" goal ≥ {GOAL_CPS:,}: {t['cpu'] / GOAL_CPS:.2f}× by CPU time, {t['wall'] / GOAL_CPS:.2f}× by wall clock"
    )
    print(
        f"false alarms on unmutated drafts: {total_alarms}; detection: {all_detected}/{all_tried}"
        f" = {all_detected / max(all_tried, 1):.1%}"
    )


if __name__ == "__main__":
    main()
