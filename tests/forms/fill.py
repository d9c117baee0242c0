#!/usr/bin/python3
"""fill.py IN OUT SHEET!CELL=VALUE... - fills in a form as a person would.

VALUE is d:YYYY-MM-DD (a date), n:NUMBER (a number), s:TEXT (text), or
empty (the cell is emptied).  A sheet named @N is the Nth sheet (0-based),
so that the tests need not spell the German sheet names.  openpyxl writes
the cells of protected sheets as a program may; the office suites'
protection only guards typing.
"""
import datetime
import sys

import openpyxl


def main():
    src, dst, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
    wb = openpyxl.load_workbook(src)
    for e in edits:
        ref, _, value = e.partition("=")
        sheet, _, cell = ref.partition("!")
        ws = wb.worksheets[int(sheet[1:])] if sheet.startswith("@") else wb[sheet]
        if value == "":
            ws[cell].value = None
        elif value.startswith("d:"):
            ws[cell].value = datetime.datetime.strptime(value[2:], "%Y-%m-%d")
            ws[cell].number_format = "yyyy-mm-dd"
        elif value.startswith("n:"):
            v = float(value[2:])
            ws[cell].value = int(v) if v == int(v) and "." not in value else v
        elif value.startswith("s:"):
            ws[cell].value = value[2:]
        else:
            sys.exit("fill.py: %s: the value needs d:, n: or s:" % e)
    wb.save(dst)


if __name__ == "__main__":
    main()
