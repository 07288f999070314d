"""The one renderer of answers (calculators/render) and the one number formatter (calculators/numbers)."""

import re
from decimal import Decimal

import pytest

import calculators
from calculators import numbers
from calculators.fields import Output
from calculators.i18n import L
from calculators.money import Money
from calculators.render import output_html, outputs_html, result_html
from calculators.render.chart import LEFT, RIGHT, W, chart_svg


@pytest.mark.parametrize("kind,value,text", [
    ("money", "480000", "¥480,000.00"), ("money", "-1234.5", "-¥1,234.50"), ("money", Money(5), "¥0.05"),
    ("money", Decimal("2.345"), "¥2.35"), ("money", "0.005", "¥0.01"),
    ("probability", "0.25", "25%"), ("probability", "0.333333", "33.3333%"), ("probability", "1", "100%"), ("probability", "0", "0%"),
    ("ratio", "1.75", "1.75×"), ("integer", 12345, "12,345"), ("decimal", "1234.57", "1,234.57"),
    ("money", "—", "—"), ("probability", "", ""), ("text", "0.25", "0.25"),
])
def test_number_text_by_kind(kind, value, text):
    """Each number kind reads one way; text that is no number (a dash, nothing) is shown as it is."""
    assert numbers.number_text(kind, value) == text


@pytest.mark.parametrize("value,places,text", [("2.5", 0, "¥3"), ("3.5", 0, "¥4"), ("-2.5", 0, "-¥3"), ("479999.5", 0, "¥480,000"),
                                               ("0.125", 2, "¥0.13")])
def test_rounding_is_half_up_on_the_exact_decimal(value, places, text):
    """Shown with fewer places, a number is rounded half up (ties away from zero), never half to even, never via a float."""
    assert numbers.money(value, places) == text
    assert numbers.percent("0.125", 0) == "13%" and numbers.percent("0.005", 0) == "1%"


def test_floats_are_refused():
    """A float never reaches the formatter: amounts travel as decimal strings."""
    with pytest.raises(TypeError):
        numbers.number_text("money", 0.1)


def test_money_format_is_the_formatter():
    """Money.format (the prose's amounts) and the money kind (the answer's) are the same formatter."""
    for fen in (0, 5, -5, 123456789, 48000000):
        assert Money(fen).format() == numbers.money(str(Money(fen)))


TABLE = Output("rows", L("行", "Rows"), kind="table", columns=(
    ("name", L("名称", "Name")), ("amount", L("金额", "Amount"), "money"), ("p", L("赢率", "P"), "probability"),
    ("n", L("个数", "Deals"), "integer"),
))


@pytest.mark.parametrize("value,text", [("240000", "240,000"), ("12345.6", "12,345.60"), ("1234567.89", "1,234,567.89"),
                                        ("-5", "-5"), ("0", "0"), ("20.5", "20.50")])
def test_running_text_amounts_are_the_formatters_numbers(value, text):
    """The pages' yuan/amount filter and the attribution rules' figures write an amount as numbers.amount: the fen, no ".00"."""
    from calculators.attribution.policy import yuan
    from playbook.prose import amount_text

    assert amount_text(value) == numbers.amount(value) == yuan(Money.parse(value)) == text
    assert numbers.money(value).lstrip("-¥").startswith(text.lstrip("-"))


@pytest.mark.parametrize("value,text", [("0.6", "60%"), ("0.125", "12.5%"), ("0.20", "20%"), ("0", "0%"), ("1", "100%"),
                                        ("0.333333", "33.3333%")])
def test_running_text_percentages_are_the_formatters_percentages(value, text):
    """The pages' pct filter and the policy figures write a share as the formatter's exact percentage."""
    from calculators.attribution.policy import percent
    from playbook.prose import pct

    assert pct(value) == numbers.percent(value) == text
    assert percent(Decimal(value)) + "%" == text


def test_table_columns_are_formatted_by_their_kind():
    """Amounts, shares and counts in a table read like the headline's (#17: no bare 450000.00 or 0.1 beside ¥480,000.00)."""
    html = output_html(TABLE, [{"name": "甲", "amount": "450000.00", "p": "0.1", "n": 1200}, {"name": None, "amount": "", "p": "0.25"}], "en")
    assert ('<th scope="col">Name</th><th scope="col" class="pb-num">Amount</th>' in html
            and '<td data-label="Name">甲</td><td data-label="Amount" class="pb-num">¥450,000.00</td>'
                '<td data-label="P" class="pb-num">10%</td><td data-label="Deals" class="pb-num">1,200</td>' in html)
    assert ('<td data-label="Name">—</td><td data-label="Amount" class="pb-num"></td><td data-label="P" class="pb-num">25%</td>'
            '<td data-label="Deals" class="pb-num">—</td>' in html)


def test_table_rows_keep_ids_in_data_attributes_and_show_titles():
    """A clause's id stays on its row (data-clause) while the reader sees its title; the commission split shows no id."""
    trail = Output("trail", L("条款", "Rules"), kind="table", columns=(("title", L("条款", "Rule")),), row_data=("clause",))
    html = output_html(trail, [{"clause": "first-contact", "title": "首次接待"}], "zh")
    assert '<tr data-clause="first-contact"><td data-label="条款">首次接待</td></tr>' in html
    import calculators
    from playbook.policy import load_policy

    out = calculators.answer("commission-split", {**calculators.catalog()["commission-split"]["example"], "lang": "zh"},
                             load_policy())
    shown = out["html"].replace('data-clause="', "")
    assert out["ok"] and not any(f">{c}<" in shown for c in out["result"]["clauses"]), "no clause id is shown"


def test_mapping_values_have_a_kind_and_text_is_escaped():
    """A mapping's values use its value kind; keys and values are escaped, never markup."""
    shares = Output("shares", L("分配", "Shares"), kind="mapping", value_kind="money")
    html = output_html(shares, {"<b>A</b>": "9876.54"}, "zh")
    assert '<th scope="row">&lt;b&gt;A&lt;/b&gt;</th><td class="pb-num">¥9,876.54</td>' in html and "<b>" not in html


def test_scalars_keep_the_exact_value_and_empty_outputs_are_hidden():
    """A number shows formatted with its exact value in data-value; an empty output is there, hidden, for the live answer to fill."""
    p = Output("p", L("概率", "Chance"), kind="probability")
    assert output_html(p, "0.80", "en") == ('<div class="pb-out pb-out--probability" data-field="p"><span class="pb-out__label">Chance</span>'
                                            '<p class="pb-out__text pb-out__num" data-value="0.80">80%</p></div>')
    assert output_html(p, None, "en") == '<div class="pb-out pb-out--probability" data-field="p" hidden><span class="pb-out__label">Chance</span></div>'


def test_badge_code_list_and_text():
    """A badge shows its label in the reader's language and keeps its code; lists, text and explanations are escaped."""
    badge = Output("v", L("结论", "Verdict"), kind="badge", labels={"track": L("跟进", "Track")})
    assert '<span class="pb-badge" data-value="track">跟进</span>' in output_html(badge, "track", "zh")
    assert '<span class="pb-badge" data-value="odd">odd</span>' in output_html(badge, "odd", "zh")
    assert "<ul><li>a &amp; b</li></ul>" in output_html(Output("l", L("l", "l"), kind="list"), ["a & b"], "en")
    assert "<code>MaN</code>" in output_html(Output("c", L("c", "c"), kind="code"), "MaN", "en")
    assert '<p class="pb-out__text">&lt;i&gt;</p>' in output_html(Output("t", L("t", "t")), "<i>", "en")
    assert ('<p class="pb-out__text pb-out__text--fine">a &lt; b</p>'
            in output_html(Output("r", L("r", "r"), kind="explanation"), "a < b", "en"))


def test_chart_labels_round_half_up():
    """The chart's target label is whole yuan and whole percent, both half up (a :,.0f label would round 2.5 to 2);
    its amount axis is labelled ¥0 at the corner and the largest amount at its end, by the one money formatter."""
    dist = {"points": [{"amount": "1.00", "at_least": "1"}, {"amount": "2.50", "at_least": "0.125"}],
            "target": "2.50", "p_target": "0.125", "p10": "1.00", "p50": "1.00", "p90": "2.50"}
    svg = chart_svg(dist, "en")
    assert "target ¥3 · 13%</text>" in svg and svg.startswith('<svg class="pb-chart"') and svg.endswith("</svg>")
    ticks = re.findall(r'<text class="pb-chart__tick" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    axis = [(float(x), text) for x, y, text in ticks if y == ticks[-1][1]]  # the labels under the amount axis
    assert axis == [(LEFT, numbers.money(0, 0)), (W - RIGHT, numbers.money(Decimal("2.50"), 0))] and numbers.money(0, 0) == "¥0"
    assert chart_svg({"points": []}, "en") == ""


def test_result_block_lists_errors_and_wraps_the_outputs(policy):
    """The build's answer block: the errors list (for a preset with errors), then the outputs the live answer replaces."""
    outs = calculators.REGISTRY["qualification"].outputs
    bad = calculators.run("qualification", {"money": 1.5, "lang": "en"})
    html = result_html(outs, bad, "en")
    assert '<div class="pb-errors" data-role="errors"><ul><li>' in html and '<div class="pb-outputs" data-role="outputs">' in html
    good = calculators.run("qualification", {"money": "yes", "authority": "no", "need": "yes"})
    assert f'<div class="pb-outputs" data-role="outputs">{outputs_html(outs, good["result"], "zh")}</div>' in result_html(outs, good, "zh")


def test_live_answer_carries_the_same_html_the_build_writes(policy):
    """calculators.answer (the worker's call) returns run()'s outcome plus the outputs' HTML, in the payload's language."""
    payload = {**calculators.catalog()["forecast"]["example"], "lang": "en"}
    live = calculators.answer("forecast", payload, policy)
    outcome = calculators.run("forecast", payload, policy)
    assert {k: v for k, v in live.items() if k != "html"} == outcome
    assert f'data-role="outputs">{live["html"]}</div>' in calculators.answer_html("forecast", outcome, "en")
    assert "¥" in live["html"] and "Weighted forecast" in live["html"]
    assert "html" not in calculators.answer("forecast", {"target": "x"}, policy)


def test_every_output_kind_of_every_calculator_has_a_renderer():
    """No calculator declares an output kind (or a column kind) the renderer cannot draw."""
    from calculators.render import RENDERERS

    for calc in calculators.REGISTRY.values():
        for out in calc.outputs:
            assert out.kind in RENDERERS, (calc.name, out.key)
            assert all(kind in numbers.FORMATS or kind == "text" for _, _, kind in out.column_kinds()), (calc.name, out.key)
            assert out.value_kind in numbers.FORMATS or out.value_kind == "text"


def test_funnel_rates_read_as_the_reader_typed_them():
    """A rate typed as 25% is shown as 25% in the funnel's tables, not 0.25 (#17); counts are grouped."""
    html = calculators.answer("funnel", {"target": "1200000", "average_deal": "60000",
                                         "stages": [{"stage": "线索", "rate": "25%"}, {"stage": "见面", "rate": "0.5"}]})["html"]
    needed = html.split('data-field="needed"', 1)[1].split("</table>", 1)[0]
    plain = re.sub(r' data-label="[^"]*"', "", needed)
    assert '<td>线索</td><td class="pb-num">25%</td><td class="pb-num">160</td><td class="pb-num">160.00</td>' in plain
    assert "0.25" not in plain and "<td class=\"pb-num\">50%</td>" in plain


def test_policy_values_are_fields_from_the_policys_declarations(policy):
    """The commission split's policy values are one labelled input each, from the section's declarations (label,
    unit, help) with the course's value beside it, grouped under their mapping's label; no key or JSON is shown."""
    from html.parser import HTMLParser

    from calculators.render.form import form_html

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    spec = calculators.page_spec("commission-split", {}, policy, "zh", page_lang="zh")
    field = next(f for f in spec["fields"] if f["kind"] == "policy")
    for lang, days, share, fine, group in (("zh", "公司政策：7 天", "公司政策：20%", "公司政策：¥100.00", "双方没认出时的分成"),
                                           ("en", "Company policy: 7 days", "Company policy: 20%", "Company policy: ¥100.00",
                                            "Split when neither side recognised the other")):
        html = form_html(spec, {"policy": {"fines.dumping.min": "300"}}, lang, "c", {"attribution": policy["attribution"]})
        shown = Text()
        shown.feed(html)
        text = " ".join(shown.parts)
        for entry in field["values"]:
            assert f'name="policy.{entry["path"]}"' in html and entry["label"][lang] in text
        assert days in text and share in text and fine in text and group in text
        assert 'name="policy.fines.dumping.min" inputmode="decimal" value="300"' in html
        assert not re.search(r"follow_up_days|helper_share|[{}]|true|false", text), text
        assert '<legend class="pb-label">' in html and 'data-error-for="policy.unrecognised_split"' in html


@pytest.mark.parametrize("typed,nested", [
    ({"fines.dumping.min": "300", "follow_up_days": ""}, {"fines": {"dumping": {"min": "300"}}}),
    ({"fines": {"not_asking": "30"}, "fines.dumping.max": "900"}, {"fines": {"not_asking": "30", "dumping": {"max": "900"}}}),
    ({"helper_share": "30%"}, {"helper_share": "30%"}),
])
def test_policy_values_typed_by_path_open_into_the_section(typed, nested):
    """A form sends policy values by path, empty ones too; the rules read them as the section nests them."""
    from calculators.policy import nested as opened

    assert opened(typed) == nested
