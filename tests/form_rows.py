"""The district's own reading of a form's cells, for comparing our outputs with the reference.

Copied from the project's shared tools (`form_rows.py`, which the district's checkers use) so that
the tests need nothing beside the repository; keep it in step with that tool, not with our code.
A row is the list of the texts of its cells as the file stores them: a cell merged across columns
counts once, a cell merged down from the row above reads as ''. tests/data/forms/*.rows.json hold
the reference tables in that form.
"""
import re
import zipfile

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'


def _text(el):
    paras = []
    for p in el.iter(W + 'p'):
        paras.append(''.join(t.text or '' for t in p.iter(W + 't')))
    return '\n'.join(paras)


def docx_tables(path):
    from lxml import etree
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read('word/document.xml'))
    tables = []
    for tbl in root.iter(W + 'tbl'):
        rows = []
        for tr in tbl.findall(W + 'tr'):
            rows.append([_text(tc) for tc in tr.findall(W + 'tc')])
        tables.append(rows)
    return tables


def _shown(v, fmt):
    """A number as a spreadsheet shows it under number format fmt (enough for this form)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    m = re.search(r'0(?:\.(0+))?%', fmt or '')
    if m:
        return f"{v * 100:.{len(m.group(1) or '')}f}%"
    m = re.search(r'0\.(0+)', fmt or '')
    if m:
        return f"{v:.{len(m.group(1))}f}"
    return f"{v:.10f}".rstrip('0').rstrip('.') if isinstance(v, float) else str(v)


def xlsx_tables(path, values=False):
    """values=True reads the cached results of formulas (a file saved by a spreadsheet program)."""
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=values)
    tables = []
    for ws in wb.worksheets:
        merged = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    merged[(r, c)] = (rng.min_row, rng.min_col)
        rows = []
        for r in range(1, ws.max_row + 1):
            row = []
            for c in range(1, ws.max_column + 1):
                top = merged.get((r, c))
                if top and top[1] != c:
                    continue  # merged across: counted once
                cell = ws.cell(r, c)
                v = cell.value if not top or top == (r, c) else None
                row.append('' if v is None else _shown(v, cell.number_format))
            rows.append(row)
        tables.append(rows)
    return tables


def form_rows(path, values=False):
    """The rows of the first table that holds a 项目名称 cell, from that row to 总分."""
    if path.lower().endswith('.docx'):
        tables = docx_tables(path)
    else:
        tables = xlsx_tables(path, values)
    for rows in tables:
        for i, r in enumerate(rows):
            if r and r[0].strip() == '项目名称':
                rows = rows[i:]
                for j, t in enumerate(rows):
                    if t and norm(t[0]) == '总分':
                        return rows[:j + 1]
                return rows
    return []


def norm(s):
    return re.sub(r'\s+', '', s)


# cells that the reference forms leave blank but a filled-in form computes:
# the indicator 得分 and 偏差原因 columns, their header labels, the 总分 row's 得分 and 偏差.
def comparable(rows):
    out = []
    for r in rows:
        r = [norm(c) for c in r]
        if len(r) == 9:            # indicator header and indicator rows
            r = r[:7]
        elif r and r[0] == '总分':
            r = r[:2]
        out.append(r)
    return out
