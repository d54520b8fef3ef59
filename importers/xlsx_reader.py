"""Read the cell rows of a filled .xlsx form: merged ranges counted once, merged-down cells blank."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
import io
import os
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal

from exporters.stamp import mark_of
from model import Project
from model.profiles import profile_from_keywords, profile_keywords

from importers.grid import Cell, NotAForm, Row, form_spans, parse_forms, parse_readings, refuse_many, written_by_us
from importers.reading import Reading, SheetPlaces, accepted, say_in_forms
from importers.safety import MAX_COLS, MAX_ROWS, ZIP_ERRORS, open_package

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\sr="([A-Z]+\d+)"')
_FORMULA, _VALUE = re.compile(rb"<(?:\w+:)?f[\s>/]"), re.compile(rb"<(?:\w+:)?v>[^<]")
_TEXT_RESULT = re.compile(rb'\st="(?:str|e)"')  # a formula whose saved result is text (maybe empty)


def uncached_formulas(zf: zipfile.ZipFile, ours: bool = False,
                      sheets: set[str] | None = None) -> list[str]:
    """Cells whose formula has no saved result: openpyxl and other tools write them, and they
    read as blanks until Excel or WPS computes and saves them. In our own export (`ours`) the
    formulas we write (执行率, 预算执行率 得分, the 总分 row) are derived cells, recomputed on
    reading: only the others are named — a script that put '=E7*0.9' in 全年执行数 left no
    figure there, and the cell must not be read as left blank. `sheets`: only the sheets of
    those titles (the forms' sheets of a combined workbook, its 汇总表 aside)."""
    found: list[str] = []
    titles = _sheet_parts(zf) if sheets is not None else {}
    for part in zf.namelist():
        if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
            continue
        if sheets is not None and titles.get(part) not in sheets:
            continue
        data = zf.read(part)
        for m in _CELL.finditer(data):
            inner = m.group(2) or b""
            if _FORMULA.search(inner) and not _VALUE.search(inner) and not _TEXT_RESULT.search(m.group(1)):
                if ours and _ours(inner):
                    continue
                ref = _REF.search(m.group(1))
                found.append(ref.group(1).decode() if ref else "?")
    return found


_F_TEXT = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>([^<]*)</(?:\w+:)?f>")
_R = r"\$?[A-Z]{1,3}\$?[0-9]+"
_RS = rf"{_R}(?:,{_R})*"
# the formulas exporters/formulas.py writes (rate_formula, budget_score_formula, sum_formula,
# total_formula), whatever cells they name
_OUR_FORMULAS = re.compile("|".join([
    rf'IF\(AND\(ISNUMBER\({_R}\),ISNUMBER\({_R}\)\),IF\({_R}<>0,ROUND\({_R}/{_R},4\),""\),""\)',
    rf'IF\(AND\(ISNUMBER\({_R}\),ISNUMBER\({_R}\),ISNUMBER\({_R}\)\),IF\({_R}<>0,'
    rf'ROUND\({_R}\*MAX\(0,MIN\({_R}/{_R},1\)\),[0-9]+\),""\),""\)',
    rf"SUM\({_RS}\)",
    rf'IF\(COUNT\({_RS}\)<[0-9]+,"[^"]*",SUM\({_RS}\)\)',
]))


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet title, from xl/workbook.xml and its relationships."""
    import html
    try:
        book, rels = zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        rid, target = re.search(rb'\sId="([^"]*)"', m.group(1)), re.search(rb'\sTarget="([^"]*)"', m.group(1))
        if rid and target:
            t = target.group(1).decode("utf-8", "replace")
            targets[rid.group(1)] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    out = {}
    for m in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)>", book):
        name, rid = re.search(rb'\sname="([^"]*)"', m.group(1)), re.search(rb'\s\w+:id="([^"]*)"', m.group(1))
        if name and rid and rid.group(1) in targets:
            out[targets[rid.group(1)]] = html.unescape(name.group(1).decode("utf-8", "replace"))
    return out


def _ours(inner: bytes) -> bool:
    import html
    m = _F_TEXT.search(inner)
    if not m:
        return False  # a shared formula's other cells carry no text: not ours
    return _OUR_FORMULAS.fullmatch(html.unescape(m.group(1).decode("utf-8", "replace")).lstrip("=")) is not None


def shown_noting(value, number_format: str = "General") -> tuple[str, str]:
    """A cell's value as the sheet shows it, for the texts a clerk typed ('80%', '864000'), and
    what to say when the number format makes the sheet show another number than the cell holds
    ('' when not): '0!.0000' shows 180000 as 18.0000 (the 万元 trick), '#,##0,'
    shows 180000 as 180. What is shown is what the clerk reads, prints and signs: it is read,
    and said. A unit the format writes after the number ('0"%"', '0.00"万元"') is shown with it."""
    if value is None:
        return "", ""
    if isinstance(value, bool):
        return ("是" if value else "否"), ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat(), ""  # a date typed in a cell (a 时效指标's deadline)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return (value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()), ""
    if isinstance(value, (int, float)):
        fmt = number_format or "General"
        m = re.search(r"0(?:\.(0+))?%", fmt)
        if m:
            return f"{value * 100:.{len(m.group(1) or '')}f}%", ""
        stored = _number_text(value)
        form = _number_form(fmt) if value >= 0 and fmt != "General" else None
        if form is None:
            return stored, ""
        scale, decimals, suffix = form
        if scale == 0:
            quiet = suffix in ("", "%", "万", "万元")  # '95%', '18万元' read as the number they say
            return stored + suffix, "" if quiet else (
                f"单元格中保存的数是 {stored}，单元格格式（{fmt}）在它后面写有“{suffix}”：按显示的“{stored}{suffix}”读取，请核对")
        number = (Decimal(stored) / (Decimal(10) ** scale)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        text = format(number, "f") + suffix
        return text, f"单元格中保存的数是 {stored}，单元格格式（{fmt}）把它显示为 {text}：按显示的读取，请核对"
    return str(value), ""


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 20 else text[:19] + "…"


def _number_text(value: int | float) -> str:
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f")  # shortest digits, never '1e-06'
    return str(value)


@lru_cache(maxsize=512)
def _number_form(fmt: str) -> tuple[int, int, str] | None:
    """(powers of ten the format divides by, decimals shown, the text written after the number)
    of a number format's first section, or None when it is one this reader does not interpret (a
    date, a condition, scientific notation, text before the number): the stored number is read.
    Trailing commas divide by 1000 each; a literal point between digits ('0!.0000', '0"."0000',
    '0\\.0000') shows the digits as a number as many places smaller."""
    section, i = "", 0
    codes: list[tuple[str, str]] = []  # ('digit'|'point'|'comma'|'literal', text)
    while i < len(fmt):
        ch = fmt[i]
        if ch == ";":
            break
        if ch == '"':
            end = fmt.find('"', i + 1)
            end = len(fmt) if end < 0 else end
            codes.append(("literal", fmt[i + 1:end]))
            i = end + 1
            continue
        if ch in "\\!":
            codes.append(("literal", fmt[i + 1:i + 2]))
            i += 2
            continue
        if ch == "[":
            end = fmt.find("]", i)
            if end < 0 or fmt[i + 1:i + 2] in "<>=":
                return None  # a condition: which section shows is the value's
            i = end + 1
            continue
        if ch in "_*":
            i += 2
            continue
        if ch in "0#?":
            codes.append(("digit", ch))
        elif ch == ".":
            codes.append(("point", ch))
        elif ch == ",":
            codes.append(("comma", ch))
        elif ch in "EedmyhsAa@/%":
            return None  # scientific, a date or time, text, a fraction
        else:
            codes.append(("literal", ch))
        section += ch
        i += 1
    digits = [k for k, (kind, _) in enumerate(codes) if kind == "digit"]
    if not digits or any(kind == "literal" and text.strip() for kind, text in codes[:digits[0]]):
        return None  # '"¥"#,##0.00': a currency before the number is read as the number
    first, last = digits[0], digits[-1]
    inside = codes[first:last + 1]
    points = [k for k, (kind, text) in enumerate(inside) if kind == "point" or (kind == "literal" and text == ".")]
    if len(points) > 1 or any(kind == "literal" and text != "." for kind, text in inside):
        return None
    after = codes[last + 1:]
    commas = 0
    while commas < len(after) and after[commas][0] == "comma":
        commas += 1
    suffix = "".join(text for kind, text in after[commas:] if kind == "literal").strip()
    if any(kind != "literal" for kind, _ in after[commas:]):
        return None
    decimals = sum(1 for kind, _ in inside[points[0]:] if kind == "digit") if points else 0
    scale = 3 * commas + (decimals if points and inside[points[0]][0] == "literal" else 0)
    return scale, decimals, suffix


def sheet_rows(ws, said: list[tuple[int, int, str]] | None = None) -> list[Row]:
    """The sheet's rows of cells, as shown; `said` gets (grid row, column, message) where a
    number format shows another number than the cell holds."""
    top_of: dict[tuple[int, int], tuple[int, int, int]] = {}
    for rng in sorted(ws.merged_cells.ranges, key=lambda r: r.size["rows"] * r.size["columns"]):
        for r in range(rng.min_row, min(rng.max_row, MAX_ROWS) + 1):
            for c in range(rng.min_col, min(rng.max_col, MAX_COLS) + 1):
                top_of[(r, c)] = (rng.min_row, rng.min_col, rng.max_col - rng.min_col + 1)
    rows: list[Row] = []
    max_row, max_col = min(ws.max_row, MAX_ROWS), min(ws.max_column, MAX_COLS)
    for r in range(1, max_row + 1):
        row: Row = []
        struck: list[tuple[int, str]] = []
        for c in range(1, max_col + 1):
            top = top_of.get((r, c))
            if top is None:
                cell = ws.cell(r, c)
                text, note = shown_noting(cell.value, cell.number_format)
                row.append(Cell(c - 1, 1, text))
            elif top[1] == c:  # the first column of a merged range; counted once across
                cell = ws.cell(top[0], top[1])
                text, note = shown_noting(cell.value, cell.number_format) if top[0] == r else ("", "")
                row.append(Cell(c - 1, top[2], text, top[0] != r))
            else:
                continue
            if text.strip() and cell.font is not None and cell.font.strike:  # a figure or a row struck out by hand
                struck.append((c - 1, text))
            if note and said is not None:
                said.append((r - 1, c - 1, note))
        if struck and said is not None:
            more = f"等 {len(struck)} 格" if len(struck) > 1 else ""
            said.append((r - 1, struck[0][0], f"这一行有划了删除线的文字（“{_cut(struck[0][1])}”{more}），"
                                              "仍按其内容读取，请核对"))
        rows.append(row)
    return rows


def hidden_cells(ws, rows: list[Row]) -> list[tuple[int, int, str]]:
    """(grid row, column, message) for the text of hidden rows and columns (or of zero height or
    width): Excel neither shows nor prints it, and it is read — a reading that keeps an indicator
    the printed form lacks says where."""
    out = []
    gone_rows = {r - 1 for r, dim in ws.row_dimensions.items() if dim.hidden or dim.ht == 0}
    gone_cols = {c - 1 for dim in ws.column_dimensions.values() if dim.hidden or dim.width == 0
                 for c in range(dim.min or 1, min(dim.max or dim.min or 1, MAX_COLS) + 1)}
    for r in sorted(gone_rows):
        if r < len(rows) and (cell := next((c for c in rows[r] if c.text.strip()), None)):
            out.append((r, cell.col, "这一行是隐藏的（屏幕上和打印时都看不到），其中的内容已读取，请核对"))
    for c in sorted(gone_cols):
        at = next(((r, cell) for r, row in enumerate(rows) if r not in gone_rows for cell in row
                   if cell.col == c and cell.span == 1 and cell.text.strip()), None)
        if at:
            out.append((at[0], c, "这一列是隐藏的（屏幕上和打印时都看不到），其中的内容已读取，请核对"))
    return out


def read_xlsx(path: str | os.PathLike) -> Project:
    """The workbook's one form; ManyForms when it holds several (read_xlsx_forms reads them all)."""
    forms = read_xlsx_forms(path)
    refuse_many(os.path.basename(path), len(forms))
    return forms[0]


def read_xlsx_forms(path: str | os.PathLike) -> list[Project]:
    """Every form of every sheet, in sheet order (a budget system writes one project a sheet)."""
    return [r.project for r in accepted(path, read_xlsx_readings(path))]


def read_xlsx_readings(path: str | os.PathLike) -> list[Reading]:
    """Every form of every sheet with what its reading knows about itself."""
    out: list[Reading] = []
    said: list[tuple[str, int, int, str]] = []
    sheets = xlsx_sheets(path, said)
    with open_package(path, "xl/workbook.xml") as zf:
        cached = cached_formulas(zf, {s[3] for s in sheets})
    for rows, profile, own, sheet in sheets:
        readings = parse_readings(rows, (), profile, own, SheetPlaces(sheet))
        say_in_forms(readings, [s for s, _, _ in form_spans(rows)],
                     [(r, c, message) for title, r, c, message in said if title == sheet and r >= 0])
        refs = cached.get(sheet, [])
        for reading in readings if refs else ():
            reading.warnings.append(f"工作表“{sheet}”的 {'、'.join(refs[:5])}{' 等' if len(refs) > 5 else ''}"
                                    "是公式：读的是它保存的计算结果，请核对")
        out += readings
    if out:
        out[0].warnings += [message for _, r, _, message in said if r < 0]  # of a whole sheet
    return out


def cached_formulas(zf: zipfile.ZipFile, sheets: set[str]) -> dict[str, list[str]]:
    """Sheet title → cells holding a formula (other than ours) with a saved result: read as that
    result, and said to be a formula."""
    found: dict[str, list[str]] = {}
    for part, title in _sheet_parts(zf).items():
        if title not in sheets or part not in zf.namelist():
            continue
        for m in _CELL.finditer(zf.read(part)):
            inner = m.group(2) or b""
            if _FORMULA.search(inner) and _VALUE.search(inner) and not _ours(inner):
                ref = _REF.search(m.group(1))
                found.setdefault(title, []).append(ref.group(1).decode() if ref else "?")
    return found


def xlsx_grids(path: str | os.PathLike) -> list[tuple[list[Row], str, bool]]:
    """(rows, profile, written by us) of every sheet that holds a form; NotAForm says why when
    none does."""
    return [(rows, profile, own) for rows, profile, own, _ in xlsx_sheets(path)]


def xlsx_sheets(path: str | os.PathLike, said: list[tuple[str, int, int, str]] | None = None
                ) -> list[tuple[list[Row], str, bool, str]]:
    """(rows, profile, written by us, sheet title) of every sheet that holds a form; NotAForm
    says why when none does. A hidden sheet's form is left out when a visible sheet holds one (a
    template or last year's copy kept out of sight), and said. `said` gets (sheet title, grid
    row, column, message) for what Excel does not show: hidden rows and columns holding text, and
    hidden sheets (row -1)."""
    import openpyxl  # with defusedxml installed, openpyxl parses the XML safely

    name = os.path.basename(path)
    with open_package(path, "xl/workbook.xml") as zf:
        try:
            # our exports' formulas are derived cells (rates, totals), recomputed on reading
            ours = mark_of(zf) is not None or profile_keywords("").encode() in _core(zf)
            uncached = [] if ours else uncached_formulas(zf)
        except ZIP_ERRORS as exc:
            raise NotAForm(f"{name} 已损坏（无法解压）") from exc
    if uncached:
        raise NotAForm(_uncached_message(name, uncached))
    try:
        # our own handle: openpyxl leaves its archive open when a broken part stops it
        with open(path, "rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (validation …)
            wb = openpyxl.load_workbook(io.BytesIO(fh.read()), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise NotAForm(f"{name} 已损坏或不是 Excel 工作簿") from exc
    except Exception as exc:  # defusedxml and openpyxl raise many kinds on hostile files
        raise NotAForm(f"{name} 无法读取：文件已损坏，或含有本程序不支持的内容") from exc
    first_error: NotAForm | None = None
    profile = profile_from_keywords(wb.properties.keywords)
    own = ours or written_by_us(wb.properties.keywords)
    found: list[tuple[list[Row], str, bool, str]] = []
    hidden: list[tuple[list[Row], str, bool, str]] = []
    notes: list[tuple[str, int, int, str]] = []
    try:
        for ws in wb.worksheets:
            formats: list[tuple[int, int, str]] = []
            rows = sheet_rows(ws, formats)
            if form_spans(rows):
                (found if ws.sheet_state == "visible" else hidden).append((rows, profile, own, ws.title))
                notes += [(ws.title, r, c, m) for r, c, m in formats + hidden_cells(ws, rows)]
            elif first_error is None:
                try:
                    parse_forms(rows, (), profile)
                except NotAForm as exc:
                    first_error = exc
    finally:
        wb.close()
    if found:
        notes += [(h[3], -1, -1, f"工作表“{h[3]}”是隐藏的，其中的表未读取（在 Excel 或 WPS 中取消隐藏、"
                   "单独存为一个文件后可以读取）") for h in hidden]
    else:
        found = hidden
        notes += [(h[3], -1, -1, f"工作表“{h[3]}”是隐藏的（在 Excel 中看不到），其中的表已读取，请核对") for h in hidden]
    if said is not None:
        said += notes
    if not found:
        raise NotAForm(f"{name}：{first_error or '工作簿中没有工作表'}")
    if ours:
        with open_package(path, "xl/workbook.xml") as zf:
            try:
                uncached = uncached_formulas(zf, ours=True, sheets={f[3] for f in found})
            except ZIP_ERRORS as exc:
                raise NotAForm(f"{name} 已损坏（无法解压）") from exc
        if uncached:
            raise NotAForm(_uncached_message(name, uncached))
    return found


def _uncached_message(name: str, uncached: list[str]) -> str:
    return (f"{name} 中的公式没有保存计算结果（单元格 {'、'.join(uncached[:5])}"
            f"{' 等' if len(uncached) > 5 else ''}），读出来会是空白：请先在 Excel 或 WPS 中"
            "打开这个文件并保存，再读取")


def _core(zf: zipfile.ZipFile) -> bytes:
    return zf.read("docProps/core.xml") if "docProps/core.xml" in zf.namelist() else b""
