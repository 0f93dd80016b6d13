#!/usr/bin/python3
"""Check in LibreOffice that the ledger template's drop-downs work.

Opens the template in a headless LibreOffice Calc, reads back the data validation of each
column, types valid and invalid values, and asks Calc which cells are invalid
(Tools > Detective > Mark Invalid Data, i.e. XSheetAuditing.showInvalid). The dependent
level-2 and level-3 lists work when exactly the expected cells are marked.

Usage (needs libreoffice-calc and python3-uno):
    ffe ledger template -o /tmp/t.xlsx
    /usr/bin/python3 crates/ffe-ledger/tests/libreoffice/check_template.py /tmp/t.xlsx
Exit 0 when every expectation holds.
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

SHEET = "设备系统购置情况"
# (cell, value, valid?) — rows 3..: one case per row.
CASES = [
    ("E3", "智能制造装备", True), ("F3", "数控机床", True), ("G3", "加工中心", True), ("J3", "是", True),
    ("E4", "智能制造装备", True), ("F4", "工业 APP", False), ("G4", "研发设计类", False), ("J4", "Y", False),
    ("E5", "工业控制系统与工业软件", True), ("F5", "工业 APP", True), ("G5", "其它工业 APP", True), ("K5", "否", True),
    ("E6", "整体解决方案", True), ("F6", "整体方案", True), ("G6", "加工中心", False),
    ("E7", "其他", False), ("H7", -1, False), ("I7", 2.5, False), ("H8", 12.5, True), ("I8", 3, True),
]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(60):
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def main(path):
    port = 2099
    profile = f"file:///tmp/ffe-lo-profile-{os.getpid()}"
    office = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", f"-env:UserInstallation={profile}",
        f"--accept=socket,host=127.0.0.1,port={port};urp;",
    ])
    failures = []
    try:
        ctx = connect(port)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                           (prop("Hidden", True),))
        sheet = doc.Sheets.getByName(SHEET)
        print("validations read back:")
        for col in "DEFGHIJ":
            v = sheet.getCellRangeByName(f"{col}3").Validation
            print(f"  {col}3 type={v.Type.value} formula1={v.getFormula1()!r}")
        print("named ranges:", len(doc.NamedRanges.ElementNames))
        for ref, value, _ in CASES:
            cell = sheet.getCellRangeByName(ref)
            if isinstance(value, str):
                cell.setString(value)
            else:
                cell.setValue(value)
        doc.calculateAll()
        sheet.showInvalid()
        circles = [sheet.DrawPage.getByIndex(i) for i in range(sheet.DrawPage.Count)]
        marked = set()
        for ref, _, _ in CASES:
            cell = sheet.getCellRangeByName(ref)
            cx = cell.Position.X + cell.Size.Width / 2
            cy = cell.Position.Y + cell.Size.Height / 2
            for c in circles:
                if c.Position.X <= cx <= c.Position.X + c.Size.Width and c.Position.Y <= cy <= c.Position.Y + c.Size.Height:
                    marked.add(ref)
        for ref, value, valid in CASES:
            ok = (ref not in marked) == valid
            print(f"  {ref:4} {value!s:14} expected {'valid' if valid else 'invalid':8} "
                  f"calc says {'invalid' if ref in marked else 'valid':8} {'ok' if ok else 'WRONG'}")
            if not ok:
                failures.append(ref)
        doc.close(True)
    finally:
        office.terminate()
        office.wait(timeout=30)
    if failures:
        raise SystemExit(f"{len(failures)} expectation(s) failed: {failures}")
    print(f"all {len(CASES)} expectations hold")


if __name__ == "__main__":
    main(sys.argv[1])
