#!/usr/bin/env python3
"""Keeps two parts of README.md true to the code: the sample boot output
(what `make run` prints up to the monitor prompt) and the list of boots
that `make test` runs.  Each sits between a line "<!-- make readme: KIND -->"
and a line "<!-- end -->".

usage: readme.py check LOG    a make test case: both parts must match
       readme.py update LOG   rewrite both parts (`make readme` does this)

LOG is a boot log of `make run` at a terminal (-m 2G, the default CPU, no
command line), as scripts/run-tests.sh's "readme" boot and `make readme`
make it.  The list of boots comes from `scripts/run-tests.sh --list-boots`.
The check ignores what varies from build to build or host to host --
timestamps, the TSC frequency, compiler and GRUB versions, the kernel
image's size and addresses, the initramfs's size and file count -- and
nothing else.
"""
import difflib
import os
import re
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
README = os.path.join(ROOT, "README.md")
BEGIN = "<!-- make readme: %s -->"
END = "<!-- end -->"

TIMESTAMP = re.compile(r"^\[ *\d+\.\d+\] ")
# Each group is a value that varies; the check compares everything else.
VARYING = [re.compile(p) for p in (
    r"^mmkernel version .* \((.*)\)$",
    r"^Boot loader: GRUB (.*)$",
    r"^tsc: Detected (\d+\.\d+) MHz processor$",
    r"^Memory: (\d+)K/\d+K available \((\d+)K kernel code, (\d+)K rwdata, "
    r"(\d+)K rodata, (\d+)K init, (\d+)K bss, (\d+)K reserved,",
    r"^ +\.(?:init|data|text) : (0x[0-9a-f]+) - (0x[0-9a-f]+) +\(( *\d+) kB\)$",
    # the user programs' count and size change with tests/user
    r"^initramfs: (\d+) inodes, (\d+)K of file data$",
    r"^Freeing initrd memory: (\d+)K$",
)]


def mask(line):
    """The line with its timestamp and every varying value as "*"."""
    stamp = TIMESTAMP.match(line)
    body = line[stamp.end():] if stamp else line
    for pattern in VARYING:
        m = pattern.search(body)
        for g in range(len(m.groups()) if m else 0, 0, -1):
            start, end = m.span(g)
            body = body[:start] + "*" + body[end:]
    return ("[*] " if stamp else "") + body


def boot_sample(log):
    """The log from the kernel's first line to the first prompt."""
    lines = [l.replace("\r", "").rstrip() for l in open(log, errors="replace")]
    first = next((i for i, l in enumerate(lines) if "mmkernel version" in l), None)
    if first is None:
        sys.exit("readme.py: %s has no boot log (no 'mmkernel version' line)" % log)
    sample = []
    for line in lines[first:]:
        if line.startswith("mm>"):
            sample.append("mm>")  # without what was typed
            return sample
        sample.append(line)
    sys.exit("readme.py: %s never reached the 'mm> ' prompt" % log)


def boots_table():
    """The boots of make test, as a Markdown table."""
    out = subprocess.run([os.path.join(ROOT, "scripts", "run-tests.sh"), "--list-boots"],
                         check=True, capture_output=True, text=True).stdout
    rows = ["| boot | kernel | QEMU | command line | checked by |",
            "|---|---|---|---|---|"]
    for line in out.splitlines():
        name, compiler, qemu, cmdline, check = line.split("\t")
        rows.append("| %s | %s | `%s` | %s | %s |" % (
            name, compiler, shorten(qemu), "`%s`" % shorten(cmdline) if cmdline else "(none)",
            check))
    return rows


def shorten(text, most=100):
    """A cell that would not fit a screen: its start and its length."""
    if len(text) <= most:
        return text
    return "%s ... (%d characters)" % (text[:most - 30].rstrip(), len(text))


def parts(log):
    return {"sample boot": ["```"] + boot_sample(log) + ["```"],
            "list of boots": boots_table()}


def find(lines, kind):
    """Indices of the first and last line inside the KIND block."""
    try:
        begin = lines.index(BEGIN % kind)
        end = lines.index(END, begin)
    except ValueError:
        sys.exit("readme.py: README.md has no '%s' ... '%s' block" % (BEGIN % kind, END))
    return begin + 1, end


def main(argv):
    if len(argv) != 3 or argv[1] not in ("check", "update"):
        sys.exit(__doc__)
    lines = open(README).read().split("\n")
    failed = False
    for kind, want in parts(argv[2]).items():
        begin, end = find(lines, kind)
        if argv[1] == "update":
            lines[begin:end] = want
            continue
        have = [mask(l.rstrip()) for l in lines[begin:end]]
        want = [mask(l.rstrip()) for l in want]
        if have == want:
            print("readme: README.md's %s is the real one" % kind)
            continue
        failed = True
        print("readme: README.md's %s differs from the real one, where * is "
              "what may vary (`make readme` renews it):" % kind)
        for d in difflib.unified_diff(have, want, "README.md", "real", lineterm="", n=1):
            print("  " + d)
    if argv[1] == "update":
        open(README, "w").write("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
