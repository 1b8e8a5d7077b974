"""The eval's HTML report: one self-contained file (inline CSS and SVG, no script, no external asset),
so it opens from a file:// URL offline, in a CI artifact, or attached to a mail.

It shows the summary per model, two charts drawn as SVG (errors per 100 numbers by kind per model;
cost, or tokens when no prices are set, against precision), the checker's self-test when --mutate ran,
the baseline comparison when given, and per case the text with every number coloured by its verdict
and its provenance (fact, derivation, or what was expected) on hover.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from drafter.evaluation.score import ERROR_KINDS
from drafter.text.plural import plural

_COLOURS = ("#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563")
_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:24px;color:#111;
max-width:1220px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #ddd}
.sub{color:#555;font-size:13px}table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f3f4f6}
td:first-child,th:first-child{text-align:left}.charts{display:flex;gap:18px;flex-wrap:wrap;align-items:flex-start}
.chart{border:1px solid #e5e7eb;padding:6px}.reg{color:#b91c1c;font-weight:bold}.imp{color:#15803d}
details{margin:4px 0}summary{cursor:pointer;font-size:14px}
pre{white-space:pre-wrap;font-family:inherit;font-size:13px;line-height:1.6;background:#fafafa;
padding:8px;border:1px solid #eee;max-height:420px;overflow:auto}
.n{border-radius:3px;padding:0 1px}.ok{background:#dcfce7}.mismatch,.hedge{background:#fecaca;
font-weight:bold}.unsupported{background:#fde68a;font-weight:bold}.unreadable{background:#e5e7eb}
.legend span{margin-right:10px;font-size:12px}
"""


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.1f}%"


def _ci(ci: Sequence[float] | None) -> str:
    return "" if not ci else f" <span class=sub>[{ci[0] * 100:.0f}–{ci[1] * 100:.0f}]</span>"


def _summary_table(groups: Mapping[str, Any]) -> str:
    head = (
        "model · prompts",
        "cases",
        "numbers",
        "precision [95% CI]",
        "first answer",
        "recall",
        "clean 1st",
        "clean final",
        "replaced",
        "marked",
        "attempts/sec.",
        "tokens",
        "s/section",
        "cost",
    )
    rows = []
    for name, g in groups.items():
        o = g["overall"]
        rows.append(
            "<tr>"
            + "".join(
                f"<td>{c}</td>"
                for c in (
                    escape(name),
                    o["cases"],
                    o["numbers"],
                    _pct(o["precision"]) + _ci(o["precision_ci"]),
                    _pct(o["first_precision"]),
                    _pct(o["recall"]),
                    _pct(o["first_clean_rate"]),
                    _pct(o["final_clean_rate"]),
                    o["replaced"],
                    o["marked"],
                    o["attempts_per_section"],
                    o["prompt_tokens"] + o["completion_tokens"],
                    o["seconds_per_section"],
                    o["cost"] or "–",
                )
            )
            + "</tr>"
        )
    return "<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>" + "".join(rows) + "</table>"


def _bar_chart(groups: Mapping[str, Any]) -> str:
    """Errors per 100 numbers, by kind, one bar per model in each kind."""
    names = list(groups)
    w, h, left, bottom = 620, 260, 40, 40
    rates = {
        n: {
            k: (g["overall"]["first_errors"][k] * 100 / g["overall"]["first_numbers"])
            if g["overall"]["first_numbers"]
            else 0.0
            for k in ERROR_KINDS
        }
        for n, g in groups.items()
    }
    top = max([r for v in rates.values() for r in v.values()] + [1.0])
    slot = (w - left - 10) / len(ERROR_KINDS)
    bar = max(2.0, (slot - 8) / max(1, len(names)))
    out = [f'<svg class=chart width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">']
    out.append(
        f'<text x="{left}" y="14" font-size="12">errors per 100 numbers (first answer), by kind</text>'
    )
    for i in range(5):
        y = h - bottom - (h - bottom - 30) * i / 4
        out.append(f'<line x1="{left}" x2="{w - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{top * i / 4:.1f}</text>'
        )
    for ki, kind in enumerate(ERROR_KINDS):
        x0 = left + ki * slot + 4
        for ni, name in enumerate(names):
            r = rates[name][kind]
            bh = (h - bottom - 30) * r / top
            out.append(
                f'<rect x="{x0 + ni * bar:.1f}" y="{h - bottom - bh:.1f}" width="{bar - 1:.1f}" '
                f'height="{bh:.1f}" fill="{_COLOURS[ni % len(_COLOURS)]}"><title>{escape(name)} · {kind}: '
                f"{r:.2f}</title></rect>"
            )
        out.append(
            f'<text x="{x0 + slot / 2 - 4:.1f}" y="{h - bottom + 14}" font-size="11" '
            f'text-anchor="middle">{kind}</text>'
        )
    for ni, name in enumerate(names):
        out.append(
            f'<rect x="{left + ni * 150}" y="{h - 14}" width="10" height="10" '
            f'fill="{_COLOURS[ni % len(_COLOURS)]}"/><text x="{left + ni * 150 + 14}" y="{h - 5}" '
            f'font-size="11">{escape(name[:22])}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _tick(value: float, priced: bool) -> str:
    """An axis label as a reader writes it: 0.0125 (cost) or 1,840 (tokens), never 2.87e-10."""
    if priced:
        return f"{value:.4f}".rstrip("0").rstrip(".") or "0"
    return f"{value:,.0f}"


def _scatter(groups: Mapping[str, Any]) -> str:
    """Cost (or tokens) per case against precision: the trade-off a team adopting a model weighs."""
    w, h, left, bottom = 480, 260, 56, 40
    points = []
    priced = all(g["overall"]["cost_per_case"] is not None for g in groups.values())
    for name, g in groups.items():
        o = g["overall"]
        x = (
            float(o["cost_per_case"])
            if priced
            else (o["prompt_tokens"] + o["completion_tokens"]) / max(1, o["items"])
        )
        points.append((name, x, o["precision"] or 0.0))
    # a group that cost nothing (the built-in writer: 0 tokens) must not scale the axis to 1e-9
    xmax = (max([p[1] for p in points] + [0.0]) or 1.0) * 1.15
    out = [f'<svg class=chart width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">']
    label = "cost per case" if priced else "tokens per case (no prices set)"
    label += ", against precision of the shipped text"
    out.append(f'<text x="{left}" y="14" font-size="12">{label}</text>')
    for i in range(5):
        y = h - bottom - (h - bottom - 30) * i / 4
        p = 0.8 + 0.2 * i / 4
        out.append(f'<line x1="{left}" x2="{w - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{p:.0%}</text>')
        xv = xmax * i / 4
        xp = left + (w - left - 20) * i / 4
        out.append(
            f'<text x="{xp:.1f}" y="{h - bottom + 14}" font-size="10" text-anchor="middle">'
            f"{_tick(xv, priced)}</text>"
        )
    for ni, (name, x, p) in enumerate(points):
        cx = left + (w - left - 20) * x / xmax
        cy = h - bottom - (h - bottom - 30) * max(0.0, p - 0.8) / 0.2
        colour = _COLOURS[ni % len(_COLOURS)]
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="{colour}"><title>{escape(name)}: '
            f"{x:.4g}, {p:.1%}</title></circle>"
            f'<text x="{cx + 9:.1f}" y="{cy + 4:.1f}" font-size="11">{escape(name[:24])}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _selftest(st: Mapping[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{k}</td><td>{d['mutants']}</td><td>{d['caught']}</td><td>{_pct(d['rate'])}{_ci(d['ci'])}</td></tr>"
        for k, d in st["detection"].items()
    )
    ctrl = "".join(
        f"<tr><td>{k}</td><td>{d['rewrites']}</td><td>{d['false_alarms']}</td><td>{_pct(d['rate'])}{_ci(d['ci'])}</td></tr>"
        for k, d in st["controls"].items()
    )
    o = st["detection_overall"]
    return (
        f"<h2>Checker self-test (--mutate) on {st['texts']} texts</h2><div class=charts><table>"
        "<tr><th>mutation</th><th>mutants</th><th>caught</th><th>detection [95% CI]</th></tr>"
        f"{rows}<tr><th>all</th><th>{o['mutants']}</th><th>{o['caught']}</th><th>{_pct(o['rate'])}</th></tr>"
        "</table><table><tr><th>must-pass rewrite</th><th>rewrites</th><th>false alarms</th>"
        "<th>rate</th></tr>"
        f"{ctrl}<tr><td>unmutated texts</td><td>{st['texts']}</td><td>{st['false_alarms_unmutated']}</td>"
        f"<td>{st['false_alarms_per_text']} per text</td></tr></table></div>"
    )


def _baseline(cmp: Mapping[str, Any]) -> str:
    rows = []
    for c in cmp["changes"]:
        cls = "reg" if c["regression"] else "imp" if c["improvement"] else ""
        rows.append(
            f"<tr class={cls or 'same'}><td>{escape(c['group'])}</td><td>{c['metric']}</td>"
            f"<td>{c['old']}</td><td>{c['new']}</td><td class={cls}>{c['delta']:+.4f}</td></tr>"
        )
    verdict = "regression" if cmp["regressions"] else "no regression"
    return (
        f"<h2>Against baseline {escape(cmp['baseline'])}: {verdict} (threshold {cmp['threshold']})</h2>"
        "<table><tr><th>group</th><th>metric</th><th>baseline</th><th>now</th><th>change</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _coloured(text: str, marks: Sequence[Sequence[Any]]) -> str:
    out, at = [], 0
    for start, end, verdict, tip in sorted(marks, key=lambda m: m[0]):
        if start < at:
            continue
        out.append(escape(text[at:start]))
        out.append(f'<span class="n {verdict}" title="{escape(str(tip))}">{escape(text[start:end])}</span>')
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def _section(s: Mapping[str, Any]) -> str:
    return (
        f"<p class=sub>{escape(s.get('heading') or s['id'])}</p><pre>{_coloured(s['text'], s['marks'])}</pre>"
    )


def _cases(results: Sequence[Mapping[str, Any]], limit: int) -> str:
    parts = [
        '<h2>Cases</h2><div class=legend><span class="n ok">proved</span><span class="n mismatch">'
        'mismatch / hedge</span><span class="n unsupported">unsupported</span><span class="n unreadable">'
        "unreadable</span> <span class=sub>hover a number for its provenance</span></div>"
    ]
    ranked = sorted(results, key=lambda r: -sum(s["final"]["problems"] for s in r["sections"]))
    for n, r in enumerate(ranked[:limit]):
        numbers = sum(s["final"]["numbers"] for s in r["sections"])
        problems = sum(s["final"]["problems"] for s in r["sections"])
        counts = f"{plural(numbers, 'number')}, {plural(problems, 'problem')}"
        title = f"{r['case']} · {r['group']} · r{r['repeat']}: {counts}"
        shown = [s for s in r["sections"] if s["final"]["problems"]]
        rest = [s for s in r["sections"] if not s["final"]["problems"]]
        body = "".join(_section(s) for s in shown)
        if rest:  # sections where every number is proved: one click away, in outline order
            body += f"<details><summary>{len(rest)} sections without problems</summary>"
            body += "".join(_section(s) for s in rest) + "</details>"
        opened = " open" if problems and n < 3 else ""  # the worst first, open: what a reviewer reads
        parts.append(f"<details{opened}><summary>{escape(title)}</summary>{body}</details>")
    if len(results) > limit:
        parts.append(f"<p class=sub>… and {len(results) - limit} more (see the JSON)</p>")
    return "".join(parts)


def render_html(
    payload: Mapping[str, Any], results: Sequence[Mapping[str, Any]], *, case_limit: int = 60
) -> str:
    """The whole report as one HTML string (payload: the --json figures)."""
    groups = payload["metrics"]["groups"]
    body = [
        f"<h1>drafter eval</h1><div class=sub>{escape(payload.get('title', ''))} · "
        f"{payload['metrics']['overall']['cases']} cases · {len(results)} scored texts · "
        f"created {escape(payload.get('created', ''))}</div>",
    ]
    if groups:
        body += ["<h2>Summary</h2>", _summary_table(groups)]
        body += ["<div class=charts>", _bar_chart(groups), _scatter(groups), "</div>"]
    if payload.get("baseline"):
        body.append(_baseline(payload["baseline"]))
    if payload.get("selftest"):
        body.append(_selftest(payload["selftest"]))
    body.append(_cases(results, case_limit))
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>drafter eval</title>'
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n"
    )
