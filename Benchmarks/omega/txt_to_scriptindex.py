"""Converts the benchmark's `.txt` articles into scriptindex's input format (one record per
article: `name=value` lines, continuation lines start with `=`, records separated by a blank
line), for `articles.script`. What a user scripting Xapian Omega would have to write; its
run time is reported beside scriptindex's.

    python3 txt_to_scriptindex.py ARTICLES_DIR OUT.dump
"""

import datetime
import os
import re
import sys

SOURCE = re.compile(r"^This article is from the source '([^']*)'")
URL = re.compile(r"^You can find the current article at its original source at (\S+)")
DATE = re.compile(r"^(\d{1,2}) ([A-Z][a-z]+) (\d{4}), (\d{2}):(\d{2})")
MONTHS = {m: i + 1 for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"])}


def parse(text):
    fields, body, real_lines = {}, [], 0
    for line in text.split("\n"):
        if not line:
            continue
        head = real_lines <= 8
        if m := SOURCE.match(line):
            fields["source"] = m.group(1)
            continue
        if m := URL.match(line):
            fields["url"] = m.group(1)
            host = m.group(1).split("/")[2]
            fields["site"] = host[4:] if host.startswith("www.") else host
            continue
        if head and "title" in fields and "timestamp" not in fields and (m := DATE.match(line)):
            day, month, year, hour, minute = m.groups()
            stamp = datetime.datetime(int(year), MONTHS[month], int(day), int(hour), int(minute))
            fields["timestamp"] = stamp.strftime("%Y%m%d%H%M%S")
            fields["day"], fields["year"], fields["month"] = stamp.strftime("%Y%m%d"), year, stamp.strftime("%Y%m")
            continue
        if head and "title" in fields and "byline" not in fields and line.startswith("By ") and len(line) <= 80:
            fields["byline"] = line[3:]
            continue
        real_lines += 1
        if "title" not in fields:
            fields["title"] = line
        else:
            body.append(line)
    fields["body"] = "\n\n".join(body)
    return fields


def record(relative, fields):
    lines = [f"id={relative}", f"path={relative}"]
    for name in ("source", "site", "url", "timestamp", "day", "year", "month", "title", "byline", "body"):
        if fields.get(name):
            lines.append(f"{name}=" + fields[name].replace("\n", "\n="))
    return "\n".join(lines) + "\n\n"


def convert(root, out_path):
    count = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for directory, folders, files in os.walk(root):
            folders.sort()
            for name in sorted(files):
                if not name.endswith(".txt"):
                    continue
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as f:
                    out.write(record(os.path.relpath(path, root), parse(f.read())))
                count += 1
    return count


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(convert(sys.argv[1], sys.argv[2]))
