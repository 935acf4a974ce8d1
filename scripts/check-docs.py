#!/usr/bin/env python3
"""Keeps the documentation true to the tree (a make test case).

In README.md and docs/*.md it checks that
  - every relative link points at a file or folder that exists inside
    the repository (links to web pages and to #anchors are not checked);
  - every GDB helper named (`lx-...` or `mm-...` in code, or after a
    "(gdb) " prompt) is a command some scripts/gdb/*.py or
    scripts/layout/*.py file registers;
  - every monitor command typed after an "mm> " prompt in a code block is
    a DEFINE_MONITOR_CMD of the source;
and in docs/*.md that every function written in backticks with
parentheses, `name()`, is defined in the source tree (a function, a
prototype, a macro or an assembly label in a .c, .h or .asm file outside
tests/host, whose stubs do not count).  Linux-only names are written
without parentheses; the cells of a table column whose heading says
"Linux" are not checked (Linux's names, such as its lx- GDB commands, go
there).

usage: check-docs.py [ROOT]       check the tree at ROOT (default: this one)
       check-docs.py --self-test  check small trees with known mistakes;
                                  prints KTAP, exits 1 if a mistake is missed

Prints one line per problem, FILE:LINE: what, and exits 1 if there was
any, 0 otherwise.
"""
import os
import re
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

SOURCE_EXTS = (".c", ".h", ".asm", ".S")
SKIP_DIRS = {".git", "build", "toolchain", "host"}	# host: tests/host's stubs

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
FENCE = re.compile(r"^\s*(```|~~~)")
FUNCTION = re.compile(r"^([A-Za-z_]\w*)\(\)$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
GDB_NAME = re.compile(r"^(?:lx|mm)-[\w-]+$")
MONITOR_DEF = re.compile(r'DEFINE_MONITOR_CMD\(\s*"([^"]+)"')
GDB_DEF = re.compile(r'\(\s*"((?:lx|mm)-[\w-]+)"')


def source_files(root):
    for top, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for f in sorted(files):
            if f.endswith(SOURCE_EXTS):
                yield os.path.join(top, f)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


class Tree:
    """What the source defines: function and macro names, monitor
    commands, GDB commands."""

    def __init__(self, root):
        self.root = root
        self.texts = [read(p) for p in source_files(root)]
        self.monitor = set()
        for t in self.texts:
            self.monitor.update(MONITOR_DEF.findall(t))
        self.gdb = set()
        for sub in ("gdb", "layout"):	# layout: mm-draw, sourced on demand
            gdb_dir = os.path.join(root, "scripts", sub)
            if os.path.isdir(gdb_dir):
                for f in sorted(os.listdir(gdb_dir)):
                    if f.endswith(".py"):
                        self.gdb.update(GDB_DEF.findall(read(os.path.join(gdb_dir, f))))
        self._defined = {}

    def defines(self, name):
        """Is name a function or macro of the source?  A C definition or
        prototype starts in column 0 (a call never does in this style); a
        macro is #defined (%define in NASM); an assembly routine is a
        label."""
        if name not in self._defined:
            n = re.escape(name)
            pat = re.compile(r"^(?:[A-Za-z_][^;{}=\n]*[\s*]%s\s*\(|%s\s*\(|"
                             r"\s*[#%%]\s*define\s+%s\b|%s:|global\s+[\w, ]*\b%s\b)"
                             % (n, n, n, n, n), re.M)
            self._defined[name] = any(pat.search(t) for t in self.texts)
        return self._defined[name]


def doc_files(root):
    files = [os.path.join(root, "README.md")]
    docs = os.path.join(root, "docs")
    if os.path.isdir(docs):
        files += [os.path.join(docs, f) for f in sorted(os.listdir(docs))
                  if f.endswith(".md")]
    return [f for f in files if os.path.isfile(f)]


def table_cells(line):
    """The cells of a table row ("\\|" is a | inside a cell)."""
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def scan(text):
    """Yields (line number, line, in a fenced code block) for each line,
    fence lines left out.  A table row is given without its cells under
    a heading that names Linux: those hold Linux's names, not ours."""
    fenced, header, lines = False, None, text.splitlines()
    for nr, line in enumerate(lines, 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or not line.lstrip().startswith("|"):
            header = None
        elif header is None and nr < len(lines) and TABLE_RULE.match(lines[nr]):
            header = table_cells(line)
        elif header is not None:
            cells = table_cells(line)
            line = " | ".join(c for i, c in enumerate(cells)
                              if i >= len(header) or "Linux" not in header[i])
        yield nr, line, fenced


def check_link(root, doc, target):
    if re.match(r"^[a-zA-Z][\w+.-]*:", target) or target.startswith("#"):
        return None		# a web page, mail, or an anchor in this page
    path = target.split("#", 1)[0]
    full = os.path.normpath(os.path.join(os.path.dirname(doc), path))
    if os.path.commonpath([full, root]) != root:
        return "link %s leaves the repository" % target
    if not os.path.exists(full):
        return "link %s: no such file" % target
    return None


def check_doc(tree, doc):
    """The problems of one Markdown file, as (line, message)."""
    root, problems = tree.root, []
    is_page = os.path.basename(os.path.dirname(doc)) == "docs"
    for nr, line, fenced in scan(read(doc)):
        spans = [] if fenced else [m.group(2).strip() for m in CODE_SPAN.finditer(line)]
        if not fenced:
            for target in LINK.findall(CODE_SPAN.sub("", line)):
                why = check_link(root, doc, target)
                if why:
                    problems.append((nr, why))
        words = []
        if fenced and line.startswith("mm> ") and line[4:].split():
            cmd = line[4:].split()[0]
            if cmd not in tree.monitor:
                problems.append((nr, "monitor command %s: no DEFINE_MONITOR_CMD names it" % cmd))
        if line.startswith("(gdb) ") and line[6:].split():
            words.append(line[6:].split()[0])
        words += [s.split()[0] for s in spans if s.split()]
        for w in words:
            if GDB_NAME.match(w) and w not in tree.gdb:
                problems.append((nr, "GDB command %s: not defined in scripts/gdb or scripts/layout" % w))
        if is_page:
            for s in spans:
                m = FUNCTION.match(s)
                if m and not tree.defines(m.group(1)):
                    problems.append((nr, "function %s() is not defined in the source" % m.group(1)))
    return problems


def check(root):
    root = os.path.realpath(root)
    tree = Tree(root)
    problems = []
    for doc in doc_files(root):
        rel = os.path.relpath(doc, root)
        problems += ["%s:%d: %s" % (rel, nr, why) for nr, why in check_doc(tree, doc)]
    return problems


# ---- self-test: small trees, each with the mistakes it must report ----

GOOD_DOC = """# A page

See [the code](../mm/real.c), [the index](README.md#top) and
[a site](https://example.org/x).  `real_fn()` and `REAL_MACRO()` and
`asm_entry()` exist; Linux's `other_fn` has no parentheses.  In GDB:
`mm-real`, then its help.

```
mm> real 1
(gdb) mm-real 0x1000
(gdb) break real_fn
```
"""

SOURCES = {
    "mm/real.c": "static int real_fn(int a,\n\t\t   int b)\n{\n\treturn other_fn(a);\n}\n"
                 'DEFINE_MONITOR_CMD("real", "real N", "a command", cmd_real);\n',
    "include/real.h": "#define REAL_MACRO(x) (x)\n",
    "boot/entry.asm": "asm_entry:\n\tret\n",
    "tests/host/stub.c": "int host_only(void)\n{\n\treturn 0;\n}\n",
    "scripts/gdb/real.py": 'class Real(gdb.Command):\n    def __init__(self):\n'
                           '        super().__init__("mm-real", gdb.COMMAND_USER)\n',
    "docs/README.md": "# top\n",
}

TABLE = """
| ours | Linux 6.1 |
|---|---|
| `%s()` | `linux_only()`, `lx-slabinfo` |
| `%s ADDR\\|PID` | `lx-ps` |

"""

# name, what replaces what in the good page, the problems expected
SELF_TESTS = [
    ("good_page", None, None, []),
    ("broken_link", "../mm/real.c", "../mm/rael.c", ["link ../mm/rael.c: no such file"]),
    ("link_out_of_tree", "../mm/real.c", "../../etc/passwd", ["leaves the repository"]),
    ("misspelled_function", "`real_fn()`", "`reel_fn()`", ["function reel_fn()"]),
    ("function_only_in_a_call", "`real_fn()`", "`other_fn()`", ["function other_fn()"]),
    ("function_only_in_host_stubs", "`real_fn()`", "`host_only()`", ["function host_only()"]),
    ("unknown_monitor_command", "mm> real 1", "mm> reel 1", ["monitor command reel"]),
    ("unknown_gdb_command", "(gdb) mm-real", "(gdb) mm-reel", ["GDB command mm-reel"]),
    ("unknown_gdb_command_in_text", "`mm-real`, then", "`lx-real`, then", ["GDB command lx-real"]),
    ("linux_column_not_checked", "In GDB:", TABLE % ("real_fn", "mm-real") + "In GDB:", []),
    ("our_column_checked", "In GDB:", TABLE % ("reel_fn", "mm-reel") + "In GDB:",
     ["function reel_fn()", "GDB command mm-reel"]),
]


def self_test():
    print("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: check_docs")
    print("    1..%d" % len(SELF_TESTS))
    failed = 0
    for i, (name, old, new, want) in enumerate(SELF_TESTS, 1):
        print("    # start: " + name)
        with tempfile.TemporaryDirectory() as root:
            for path, text in SOURCES.items():
                os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
                with open(os.path.join(root, path), "w") as f:
                    f.write(text)
            page = GOOD_DOC if old is None else GOOD_DOC.replace(old, new)
            assert page != GOOD_DOC or old is None
            with open(os.path.join(root, "docs", "page.md"), "w") as f:
                f.write(page)
            got = check(root)
        ok = len(got) == len(want) and all(w in g for w, g in zip(want, got))
        if not ok:
            print("    # expected: %s" % want)
            print("    # got: %s" % got)
        print("    %s %d %s" % ("ok" if ok else "not ok", i, name))
        failed += not ok
    n = len(SELF_TESTS)
    print("# check_docs: pass:%d fail:%d skip:0 total:%d" % (n - failed, failed, n))
    print("# Totals: pass:%d fail:%d skip:0 total:%d" % (n - failed, failed, n))
    print("%s 1 check_docs" % ("not ok" if failed else "ok"))
    return 1 if failed else 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) > 2 or (len(argv) == 2 and argv[1].startswith("-")):
        print(__doc__.split("\n\n")[-2], file=sys.stderr)
        return 2
    problems = check(argv[1] if len(argv) == 2 else ROOT)
    for p in problems:
        print(p)
    print("check-docs: %d problem%s" % (len(problems), "" if len(problems) == 1 else "s"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
