"""The one reader of pasted tables (any table field), and writing tables back out (to_csv)."""

import json

import pytest
from hypothesis import given, settings, strategies as st

import calculators
from calculators import table_paste
from calculators.forecast import MAX_ROWS
from calculators.table_paste import PasteError, count_rows, header_key, read_table, to_csv

PIPELINE = calculators.REGISTRY["forecast"].field_named("opportunities")
CARDS = calculators.REGISTRY["trade-show-leads"].field_named("cards")


def parse_paste(text):
    return read_table(text, PIPELINE)


def rows_of(text, table=PIPELINE):
    return read_table(text, table).payload_rows()


def test_chinese_tsv_with_money_signs_percentages_and_dates():
    """A TSV from a Chinese spreadsheet: ¥, 元, 万, thousands separators, % and several date spellings are normalised."""
    text = ("客户名称\t合同金额（元）\t赢率\t销售阶段\t预计成交日期\n"
            "食品公司\t¥240,000.00\t60%\t方案报价\t2025/8/15\n"
            "物流园\t50万\t\t\t2025年9月30日\n"
            "医药仓库\t300000元\t１０％\t\t2025.9.1\n")
    assert rows_of(text) == [
        {"name": "食品公司", "amount": "240000.00", "probability": "60%", "stage": "方案报价", "close_date": "2025-08-15"},
        {"name": "物流园", "amount": "500000", "close_date": "2025-09-30"},
        {"name": "医药仓库", "amount": "300000", "probability": "10%", "close_date": "2025-09-01"},
    ]


def test_english_csv_with_quoted_thousands_and_decimal_wan():
    """A CSV with English headers: quoted '1,234.50' stays one cell; '12.5万' is 125000."""
    text = 'Deal,Amount,Win rate %,Close date\n"Acme, Inc.","1,234.50",0.25,2025-07-01\nBeta,12.5万,0.5,\n'
    assert rows_of(text) == [
        {"name": "Acme, Inc.", "amount": "1234.50", "probability": "0.25", "close_date": "2025-07-01"},
        {"name": "Beta", "amount": "125000", "probability": "0.5"},
    ]


def test_semicolon_separated_and_full_width_comma_separated():
    """Semicolons (European CSV) and full-width commas work as separators too."""
    assert rows_of("name;amount;probability\nA;10;0.5\n") == [{"name": "A", "amount": "10", "probability": "0.5"}]
    assert rows_of("名称，金额，赢率\n甲，10，0.5\n") == [{"name": "甲", "amount": "10", "probability": "0.5"}]


@pytest.mark.parametrize("header,column", [
    ("金额（元）", "amount"), ("金额(元)", "amount"), ("Win Rate %", "probability"), ("赢单率", "probability"),
    ("close_date", "close_date"), ("Expected Close Date", "close_date"), ("机会名称", "name"), ("Stage", "stage"),
])
def test_header_spellings_are_recognised(header, column):
    """Headers match after dropping units, case, spaces and punctuation."""
    text = f"{header}\tamount\tprobability\nx\t1\t0.5\n" if column != "amount" else f"{header}\tprobability\n1\t0.5\n"
    paste = parse_paste(text)
    assert paste.columns[column] == header


def test_unused_columns_are_listed_and_total_rows_skipped():
    """Unknown columns are reported, not fatal; a '合计' row is skipped and its row number noted."""
    paste = parse_paste("名称\t金额\t赢率\t负责人\n甲\t10\t0.5\t小周\n\n合计\t10\t\t\n")
    assert paste.ignored == ["负责人"] and paste.skipped == [4]
    assert [r["_row"] for r in paste.rows] == [2]


def test_row_numbers_count_the_header_and_blank_lines():
    """Row numbers are the records as pasted (header = 1), so they match the spreadsheet."""
    paste = parse_paste("\n金额\t赢率\n1\t0.1\n\n2\t0.2\n")
    assert [r["_row"] for r in paste.rows] == [3, 5]


@pytest.mark.parametrize("text,code", [
    ("", "paste_empty"),
    ("   \n\t\n", "paste_empty"),
    ("名称\t金额\t赢率\n", "paste_empty"),
    ("foo\tbar\n1\t2\n", "paste_no_header"),
    ("名称\t赢率\n甲\t0.5\n", "paste_missing_column"),
    ("名称\t金额\n甲\t5\n", "paste_missing_one_of"),
])
def test_problems_with_the_whole_paste(text, code):
    """An empty paste, an unrecognised header, or a missing amount / probability-or-stage column is refused."""
    with pytest.raises(PasteError) as err:
        parse_paste(text)
    assert err.value.problems[0][2] == code


@pytest.mark.parametrize("text,field,code", [
    ("", None, None),
    ("名称\t金额\t赢率\n", "paste", "paste_empty"),
    ("foo\tbar\n1\t2\n", "paste[1]", "paste_no_header"),
    ("名称\t赢率\n甲\t0.5\n", "paste[1]", "paste_missing_column"),
    ("名称\t金额\n甲\t5\n", "paste[1]", "paste_missing_one_of"),
    ("名称,金额,赢率\n甲,1,234,0.5\n", "paste[2]", "paste_columns"),
    ("名称\t金额\t赢率\n" + "x" * 1_100_000 + "\t1\t0.5\n", "paste", "paste_too_long"),
])
def test_paste_problems_reach_the_reader_in_both_languages(policy, text, field, code):
    """Through the forecast, each paste problem is a localised message naming the paste (and its row)."""
    zh = calculators.run("forecast", {"target": "1", "paste": text}, policy)
    en = calculators.run("forecast", {"target": "1", "paste": text, "lang": "en"}, policy)
    if code is None:                      # an empty paste is no paste: the empty pipeline is reported
        assert zh["errors"][0]["code"] == "empty_pipeline"
        return
    assert (zh["errors"][0]["field"], zh["errors"][0]["code"]) == (field, code)
    assert "粘贴的表格" in zh["errors"][0]["message"] and "Pasted table" in en["errors"][0]["message"]
    if "[" in field:
        row = field.split("[")[1].rstrip("]")
        assert f"第 {row} 行" in zh["errors"][0]["message"] and f"row {row}" in en["errors"][0]["message"]


def test_a_row_with_more_cells_than_the_header_is_named():
    """Unquoted thousands separators split cells: that row is named; the other rows are still read."""
    paste = parse_paste("名称,金额,赢率\n甲,1,234,0.5\n乙,5,0.5\n")
    assert paste.problems == [(2, None, "paste_columns", {"cells": 4, "header": 3})]
    assert [r["_row"] for r in paste.rows] == [3]


@pytest.fixture()
def no_record_read(monkeypatch):
    """The paste reader's record loop made to fail: a paste refused with it in place was refused before any parsing."""
    def refuse(*_):
        raise AssertionError("a record was read")
    monkeypatch.setattr(table_paste, "_records", refuse)


def test_ten_thousand_rows_are_refused_by_counting_lines(no_record_read):
    """10,000 rows raise the row-limit problem by counting lines, before a record is parsed (bench/paste.py times it)."""
    text = "名称\t金额\t赢率\n" + "x\t1\t0.5\n" * 10_000
    with pytest.raises(PasteError) as err:
        parse_paste(text)
    assert err.value.problems == [(None, None, "paste_too_many_rows", {"max": f"{MAX_ROWS:,}", "count": "10,000"})]


def test_a_paste_at_the_row_limit_is_read_whole():
    """Exactly the row limit is not refused: every row comes through."""
    assert len(parse_paste("金额\t赢率\n" + "1\t0.5\n" * MAX_ROWS).rows) == MAX_ROWS


def test_a_very_long_paste_is_refused_by_size():
    """A paste under the row limit but over the character limit is refused too."""
    with pytest.raises(PasteError) as err:
        parse_paste("名称\t金额\t赢率\n" + "x" * 2_000_000 + "\t1\t0.5\n")
    assert err.value.problems[0][2] == "paste_too_long"


def test_count_rows_ignores_blank_lines_and_total_lines():
    """Blank lines and total rows do not count towards the row limit: 2,000 deals and their 合计 line fit."""
    assert count_rows("a\n\n b\n\n\nc\n") == 2
    assert count_rows("名称\t金额\n甲\t1\n合计\t1\n Total,1\n\"小计\";1\nsummer\t1\n") == 2
    assert len(parse_paste("金额\t赢率\n" + "1\t0.5\n" * MAX_ROWS + "合计\t2000\t\n").rows) == MAX_ROWS


def test_header_key_normalises():
    """Full-width brackets, units and percent signs are dropped before matching."""
    assert header_key("  金额（元） ") == "金额" and header_key("Win_Rate (%)") == "winrate" and header_key("ＡＭＯＵＮＴ") == "amount"


# --------------------------------------------------------------------------- to_csv


def test_to_csv_headers_follow_the_language():
    """The export's header row is the column labels in the reader's language; empty cells stay empty."""
    assert to_csv(PIPELINE, [{"name": "甲", "amount": "10.00"}], "zh") == "名称,金额（元）,赢率,阶段,预计成交日期\n甲,10.00,,,\n"
    assert to_csv(PIPELINE, [], "en") == "Name,Amount (yuan),Win probability,Stage,Expected close date\n"


def test_to_csv_writes_choices_by_their_label_and_pastes_back():
    """Choices are written by their label in the reader's language, and read back as their values."""
    rows = [{"name": "Anna", "interest": "hot", "money": "yes", "need": "no"}]
    text = to_csv(CARDS, rows, "zh")
    assert text.splitlines()[1] == "Anna,,高,有,,没有,"
    assert rows_of(text, CARDS) == rows


def test_to_csv_refuses_floats():
    """A float amount is a programming error: to_csv (and the worker's CSV call) will not write it."""
    with pytest.raises(TypeError):
        to_csv(PIPELINE, [{"amount": 1.5}])
    with pytest.raises(TypeError):
        calculators.csv_json("forecast", "opportunities", '[{"amount": 1.5}]')


def test_csv_json_is_to_csv_over_json_text():
    """The worker's JSON entry point writes the same CSV as to_csv, with Windows line ends for spreadsheets."""
    rows = [{"name": "Acme, Inc.", "amount": "1200.50", "probability": "0.25", "close_date": "2025-07-01"}]
    assert calculators.csv_json("forecast", "opportunities", json.dumps(rows), "en") == to_csv(PIPELINE, rows, "en", lineterminator="\r\n")
    with pytest.raises(ValueError):
        calculators.csv_json("forecast", "opportunities", '{"amount": "1"}')


CELL = st.text(alphabet=st.sampled_from(list("甲乙丙公司 Acme,\"'\n;\t-_.&")), min_size=1, max_size=12).filter(
    lambda s: s.strip() and s.strip() == s and s.strip().lower() not in {"total", "合计"})
ROW = st.fixed_dictionaries(
    {"amount": st.integers(0, 10**10).map(lambda f: f"{f // 100}.{f % 100:02d}")},
    optional={
        "name": CELL,
        "probability": st.sampled_from(["0", "0.25", "1", "0.333333"]),
        "stage": st.sampled_from(["proposal", "方案报价", "Won"]),
        "close_date": st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10),
    },
).filter(lambda r: "probability" in r or "stage" in r)


@settings(max_examples=60, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=8), st.sampled_from(["zh", "en"]), st.sampled_from([",", "\t"]))
def test_to_csv_pastes_back_unchanged(rows, lang, delimiter):
    """Export then paste gives the same rows back: names with commas, quotes and line breaks included."""
    back = parse_paste(to_csv(PIPELINE, rows, lang, delimiter))
    assert [{k: v for k, v in r.items() if k != "_row"} for r in back.rows] == rows


# --------------------------------------------------------------------------- any table field


def test_trade_show_headers_m_a_n_map_to_the_man_columns():
    """Cards pasted under 姓名 公司 兴趣 M A N 备注: M, A and N fill the MAN columns, never the name (#17)."""
    text = "姓名\t公司\t兴趣\tM\tA\tN\t备注\n孙悦\t远山木业\t高\t有\t没有\t还不知道\t要报价\n钱多多\t\tWarm\tYes\t\tno\t\n"
    paste = read_table(text, CARDS)
    assert paste.columns == {"name": "姓名", "company": "公司", "interest": "兴趣", "money": "M", "authority": "A",
                             "need": "N", "notes": "备注"}
    assert paste.payload_rows() == [
        {"name": "孙悦", "company": "远山木业", "interest": "hot", "money": "yes", "authority": "no", "need": "unknown", "notes": "要报价"},
        {"name": "钱多多", "interest": "warm", "money": "yes", "need": "no"},
    ]
    out = calculators.run("trade-show-leads", {"cards": paste.payload_rows(), "lang": "en"})
    assert {r["name"]: r["cell"] for r in out["result"]["ranking"]} == {"孙悦": "Ma?", "钱多多": "M?n"}


def test_one_letter_headers_match_only_exactly_and_longer_ones_may_hold_a_label():
    """A lone letter is never found inside a longer label; '客户姓名' holds '姓名' (and only that column's name)."""
    paste = read_table("客户姓名\t兴趣\tX\n孙悦\t低\tq\n", CARDS)
    assert paste.columns == {"name": "客户姓名", "interest": "兴趣"} and paste.ignored == ["X"]
    assert read_table("Name\tInterest\tM money\tA authority\n甲\thot\tyes\tno\n", CARDS).payload_rows() == [
        {"name": "甲", "interest": "hot", "money": "yes", "authority": "no"}]


def test_choices_by_label_in_either_language_and_unknown_text_kept():
    """'高', 'Hot', 'hot' and ' HOT ' are all hot; text that is no choice is kept for the rules to name."""
    rows = rows_of("name\tinterest\nA\t高\nB\tHot\nC\t HOT \nD\tboiling\n", CARDS)
    assert [r["interest"] for r in rows] == ["hot", "hot", "hot", "boiling"]


@pytest.mark.parametrize("cell,clean", [
    ("2026/02/28", "2026-02-28"), ("2026-3-5", "2026-03-05"), ("2025年7月1日", "2025-07-01"), ("２０２５．７．１", "2025-07-01"),
    ("soon", "soon"),
])
def test_dates_people_write_become_iso(cell, clean):
    """The date spellings of Chinese and English spreadsheets are read as YYYY-MM-DD; others are left for the rules."""
    assert rows_of(f"金额\t赢率\t预计成交日期\n1\t0.5\t{cell}\n")[0]["close_date"] == clean


@pytest.mark.parametrize("cell,clean", [
    ("5万", "50000"), ("8.5万", "85000"), ("120000元", "120000"), ("¥1,234.50", "1234.50"), ("￥１２,０００", "12000"),
    ("RMB 300", "300"), ("1.234567万", "12345.67"), ("about 5", "about 5"),
])
def test_amounts_people_write_become_plain_decimals(cell, clean):
    """万, 元, ¥/￥, RMB, thousands separators and full-width digits: the one money reading (Money.parse uses it too)."""
    assert rows_of(f"金额\t赢率\n{cell}\t0.5\n")[0]["amount"] == clean


def test_times_and_counts_by_column_kind():
    """Date-times ('2024/3/2 10:00', '2024年3月2日下午2点'), clock times ('9：30', '下午2点') and counts ('1,200') are cleaned
    by their column's kind, as the rules' own parser (calculators.dates) reads them; a date without its year stays as typed."""
    events = calculators.REGISTRY["commission-split"].field_named("events")
    assert rows_of("事件类型\t时间\t成交人\t套数\n成交\t2024/3/2 10:00\tB\t1,200\n成交\t2024年3月2日下午2点\tB\t\n"
                   "成交\t3月2日 10:00\tB\t\n", events) == [
        {"type": "deal", "at": "2024-03-02 10:00", "closed_by": "B", "units": "1200"},
        {"type": "deal", "at": "2024-03-02 14:00", "closed_by": "B"}, {"type": "deal", "at": "3月2日 10:00", "closed_by": "B"}]
    rotation = calculators.REGISTRY["rotation"].field_named("events")
    assert rows_of("时刻\t事件\t顾问\n9：30\t按轮接待\t小周\n下午2点\t接听电话\t小周\n", rotation) == [
        {"at": "09:30", "type": "reception", "agent": "小周"}, {"at": "14:00", "type": "phone", "agent": "小周"}]


def test_required_columns_of_any_table_must_be_in_the_header():
    """A header without a table's required column is refused, naming the column in both languages."""
    with pytest.raises(PasteError) as err:
        read_table("公司\t兴趣\n远山\t高\n", CARDS)
    (row, _, code, params), = err.value.problems
    assert (row, code, params["columns_zh"], params["columns_en"]) == (1, "paste_missing_column", "姓名", "Name")


def test_ten_thousand_cards_are_refused_at_once(no_record_read):
    """A paste over the table's own row limit (2,000 cards) is refused by counting lines, before any parsing."""
    text = "姓名\t兴趣\n" + "x\t高\n" * 10_000
    with pytest.raises(PasteError) as err:
        read_table(text, CARDS)
    assert err.value.problems[0][2] == "paste_too_many_rows" and err.value.problems[0][3]["max"] == "2,000"


def test_page_paste_gives_rows_and_a_note_or_errors_naming_the_pasted_row():
    """calculators.paste (the worker's call): rows and a reading note; a bad row is named by its place in the paste."""
    ok = calculators.paste("forecast", "opportunities", "名称\t金额\t赢率\t负责人\n甲\t12.5万\t50%\t小周\n合计\t12.5万\t\t\n", "zh")
    assert ok["ok"] and ok["result"]["rows"] == [{"name": "甲", "amount": "125000", "probability": "50%"}]
    assert "负责人" in ok["result"]["note"] and "第 3 行" in ok["result"]["note"]
    bad = calculators.paste("forecast", "opportunities", "名称,金额,赢率\n甲,1,234,0.5\n", "en")
    assert bad["errors"][0]["field"] == "opportunities[2]" and "row 2" in bad["errors"][0]["message"]
    assert calculators.paste("forecast", "nope", "a", "en")["errors"][0]["code"] == "unknown_field"
