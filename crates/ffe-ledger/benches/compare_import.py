#!/usr/bin/env python3
"""Import of a 100,000-row ledger: `ffe ledger import` against openpyxl and pandas, same file,
same run. Prints a Markdown table of wall time and peak RSS (from /usr/bin/time -v).

    pip install openpyxl pandas          # once; apt-get install time if /usr/bin/time is missing
    cargo build --release -p ffe
    python3 crates/ffe-ledger/benches/compare_import.py --ffe $CARGO_TARGET_DIR/release/ffe

The ledger is generated here, deterministically (seed 2026), as people fill it in: a title row,
the 13 headers with line breaks, dates as Excel dates and as text in four spellings, prices as
numbers and as text with 万元, yes/no in several spellings, taxonomy names with 其他/其它 and
bracket variants, and 1 row in 1,000 with an error. The Python readers only read the cells;
ffe also normalises, validates every row and computes the metrics.
"""
import argparse
import csv
import datetime
import os
import random
import re
import statistics
import subprocess
import sys
import tomllib

HEADERS = ["序号", "设备系统名称", "规格型号", "购置时间\n（按发票日期）", "设备系统一级\n分类名称",
           "设备系统二级\n分类名称", "设备系统三级\n分类名称", "设备系统单价\n（万元）", "设备系统\n台套数",
           "是否\n国产", "是否\n联网", "是否支持\n数据采集", "是否支持\n信息接收"]
NAMES = ["立式加工中心", "数控车床", "焊接机器人", "AGV 小车", "智能分拣机", "三坐标测量机", "MES 系统",
         "ERP 系统", "激光切割机", "注塑机", "PLC 控制柜", "立体仓库"]
YES = ["是", "是", "是", "Y", "√", "1", "yes"]
NO = ["否", "否", "否", "N", "×", "0", "no"]


def leaves(taxonomy_path):
    with open(taxonomy_path, "rb") as f:
        data = tomllib.load(f)
    out = []
    for one in data["class"]:
        for two in one.get("children", []):
            for three in two.get("children", []):
                out.append((one["name"], two["name"], three["name"]))
    return out


def messy_name(name, rng):
    r = rng.random()
    if r < 0.1:
        name = name.replace("其它", "其他")
    elif r < 0.2:
        name = name.replace("(", "（").replace(")", "）")
    elif r < 0.25:
        name = f" {name} "
    return name


def make_rows(n, taxonomy_path, seed=2026):
    rng = random.Random(seed)
    classes = leaves(taxonomy_path)
    start = datetime.date(2015, 1, 1)
    rows = []
    for i in range(1, n + 1):
        l1, l2, l3 = rng.choice(classes)
        day = start + datetime.timedelta(days=rng.randrange(0, 3600))
        form = rng.random()
        if form < 0.6:
            when = day  # an Excel date cell
        elif form < 0.75:
            when = day.isoformat()
        elif form < 0.85:
            when = f"{day.year}/{day.month}/{day.day}"
        elif form < 0.95:
            when = f"{day.year}年{day.month}月{day.day}日"
        else:
            when = f"{day.year}.{day.month}.{day.day}"
        price = round(rng.uniform(0.5, 900), 2)
        price_cell = price if rng.random() < 0.7 else f"{price:,.2f}万元"
        units = rng.randrange(1, 30)
        units_cell = units if rng.random() < 0.8 else f"{units}台"
        flags = [rng.choice(YES) if rng.random() < 0.7 else rng.choice(NO) for _ in range(4)]
        row = [i, f"{rng.choice(NAMES)}-{i}", f"M{rng.randrange(100, 9999)}", when,
               l1, messy_name(l2, rng), messy_name(l3, rng), price_cell, units_cell] + flags
        if i % 1000 == 0:  # one error in a thousand: an impossible date
            row[3] = f"{day.year}-02-30"
        rows.append(row)
    return rows


def write_xlsx(rows, path):
    from openpyxl import Workbook
    from openpyxl.styles import numbers
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("设备系统购置情况")
    ws.append(["附录 2 企业设备系统购置情况一览表"])
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["附录 2 企业设备系统购置情况一览表"])
        w.writerow([h.replace("\n", "") for h in HEADERS])
        for row in rows:
            w.writerow([c.isoformat() if isinstance(c, datetime.date) else c for c in row])


OPENPYXL = """
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1], read_only=True, data_only=True)
n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
print(n)
"""
PANDAS = """
import sys
import pandas as pd
df = pd.read_excel(sys.argv[1], header=1)
print(len(df))
"""


def measure(cmd, stdout=subprocess.DEVNULL):
    res = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    if res.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed ({res.returncode}):\n{res.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", res.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr).group(1))
    return seconds, rss_kb / 1024


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.abspath(os.path.join(here, "..", "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--ffe", required=True, help="release build of the ffe binary")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default="/tmp/ffe-ledger-bench")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    xlsx = os.path.join(args.dir, f"ledger-{args.rows}.xlsx")
    csv_path = os.path.join(args.dir, f"ledger-{args.rows}.csv")
    rows = make_rows(args.rows, os.path.join(repo, "data", "taxonomy", "zj-ff-trial-appendix1.toml"))
    write_xlsx(rows, xlsx)
    write_csv(rows, csv_path)
    print(f"file: {xlsx} ({os.path.getsize(xlsx) / 1e6:.1f} MB), {csv_path} ({os.path.getsize(csv_path) / 1e6:.1f} MB)")
    today = ["--today", "2026-11-28"]
    cases = [
        ("ffe ledger import (xlsx, --format json)", [args.ffe, "ledger", "import", xlsx, "--format", "json"] + today),
        ("ffe ledger import (xlsx, --format text)", [args.ffe, "ledger", "import", xlsx, "--format", "text"] + today),
        ("ffe ledger import (csv, --format json)", [args.ffe, "ledger", "import", csv_path, "--format", "json"] + today),
        ("openpyxl 3 read-only, values only", [sys.executable, "-c", OPENPYXL, xlsx]),
        ("pandas read_excel (openpyxl engine)", [sys.executable, "-c", PANDAS, xlsx]),
    ]
    results = {name: [] for name, _ in cases}
    for _ in range(args.runs):
        for name, cmd in cases:  # interleaved, so that machine noise hits every reader alike
            results[name].append(measure(cmd))
    base = statistics.median(t for t, _ in results[cases[0][0]])
    print(f"\n{args.rows} rows, median of {args.runs} runs\n")
    print("| reader | wall time (s) | peak RSS (MB) | vs ffe json |")
    print("| --- | ---: | ---: | ---: |")
    for name, _ in cases:
        wall = statistics.median(t for t, _ in results[name])
        rss = max(r for _, r in results[name])
        print(f"| {name} | {wall:.2f} | {rss:.0f} | {wall / base:.1f}× |")
    check = subprocess.run([args.ffe, "ledger", "import", xlsx, "--format", "text"] + today,
                           capture_output=True, text=True)
    print("\nffe summary:", check.stdout.splitlines()[0])


if __name__ == "__main__":
    main()
