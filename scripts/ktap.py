#!/usr/bin/env python3
"""Check one KTAP version 1 stream (a kernel boot log or a host test's
output) and count its test cases.

usage: ktap.py NAME LOG [--status N [--expect-status M]]

Timestamps ("[    0.123456] ") and carriage returns are stripped first;
lines that are not KTAP (the rest of the boot log) are ignored.  Leaf cases
(those inside a suite) are counted.  A case may have subtests of its own,
indented 4 spaces more before its result as KUnit nests them, opened by
"KTAP version 1" or "# Subtest: NAME" (other deep lines are ignored) (the exec
suite runs each user test program as one and nests the program's KTAP
under it), to any depth: then its leaves are counted instead of the case,
and the case itself only when it failed with no failed leaf (the program
exited non-zero, or leaked).  Nested tests need a plan and exactly that
many results in order, and a verdict their results support.  Every failed case is printed with the
diagnostic lines that preceded its result.  The stream itself is a failure
-- counted once, named after NAME and the last case started -- when it
lacks the "KTAP version 1" line or its plan, has no cases at all, numbers
its results out of order (at any depth), gives a suite or a case a verdict its cases do not
support, closes a suite of several cases without KUnit's "# NAME: pass:P
fail:F skip:S total:T" and "# Totals: ..." lines or with counts that
disagree with its cases, ends before its plan is complete, or when the
process status N is not M (by default: 1 if a case failed, else 0, as the
kernel exits).  The last line printed is "ktap: P passed, F failed, S
skipped", which scripts/run-tests.sh adds up.
"""
import re
import sys

TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ")
RESULT = re.compile(r"^(ok|not ok) (\d+)(?: (.*?))?(?: # (SKIP|TODO)(?: (.*))?)?$")
PLAN = re.compile(r"^1\.\.(\d+)$")
# KUnit's closing counts of a suite, at the top level before its result.
STATS = re.compile(r"^# (\S+): pass:(\d+) fail:(\d+) skip:(\d+) total:(\d+)$")


def clean(line):
    line = line.rstrip("\r\n").replace("\r", "")
    return TIMESTAMP.sub("", line)


class Nested:
    """The subtests at one depth (>= 2) waiting for their parent's result."""

    def __init__(self):
        self.name = None
        self.plan = None
        self.results = 0
        self.counts = [0, 0, 0]    # leaves passed, failed, skipped so far
        self.diag = []


class Stream:
    def __init__(self, name):
        self.name = name
        self.passed = self.failed = self.skipped = 0
        self.problems = []
        self.suite = None          # name of the open suite
        self.suite_plan = None
        self.suite_results = 0
        self.top_plan = None
        self.top_results = 0
        self.started = None        # "suite.case" last started
        self.diag = []             # diagnostics since the last result
        self.version = False
        self.suite_failed = self.suite_skipped = 0
        self.suite_stats = {}      # "Totals" or the suite's name -> counts
        self.nested = {}           # depth (2, 3, ...) -> open Nested

    def feed(self, raw):
        line = clean(raw)
        depth = (len(line) - len(line.lstrip(" "))) // 4
        if depth >= 2 and self.suite is not None:
            self.feed_nested(depth, line[4 * depth:])
            return
        indented = line.startswith("    ")
        body = line[4:] if indented else line
        if not indented and body == "KTAP version 1":
            self.version = True
        elif indented and body.startswith("# Subtest: "):
            if self.suite is not None:
                self.problems.append("suite %s has no result line" % self.suite)
            self.suite, self.suite_plan, self.suite_results = body[11:], None, 0
            self.suite_failed = self.suite_skipped = 0
            self.suite_stats = {}
            self.diag = []
        elif indented and PLAN.match(body) and self.suite is not None:
            self.suite_plan = int(PLAN.match(body).group(1))
        elif indented and body.startswith("# start: "):
            self.started = "%s.%s" % (self.suite, body[9:])
            self.diag = []
        elif indented and body.startswith("#"):
            self.diag.append(body)
        elif indented and RESULT.match(body):
            if self.suite is None:
                self.problems.append("a case result outside any suite: " + body)
            else:
                self.case_result(RESULT.match(body))
        elif not indented and STATS.match(body) and self.suite is not None:
            m = STATS.match(body)
            self.suite_stats[m.group(1)] = tuple(int(n) for n in m.group(2, 3, 4, 5))
        elif not indented and PLAN.match(body) and self.top_plan is None:
            self.top_plan = int(PLAN.match(body).group(1))
        elif not indented and RESULT.match(body):
            self.suite_result(RESULT.match(body))

    def feed_nested(self, depth, body):
        """A line of a case's subtests (depth 2) or theirs (3, ...)."""
        if body == "KTAP version 1":
            for d in [d for d in self.nested if d >= depth]:
                self.problems.append("subtests %s have no result line"
                                     % self.path(d))
                del self.nested[d]
            self.nested[depth] = Nested()
        elif depth not in self.nested and not body.startswith("# Subtest: "):
            return      # a deep line of some text the kernel printed
        frame = self.nested.setdefault(depth, Nested())
        if body.startswith("# Subtest: "):
            frame.name = body[11:]
        elif body.startswith("#"):
            frame.diag.append(body)
        elif PLAN.match(body) and frame.plan is None:
            frame.plan = int(PLAN.match(body).group(1))
        elif RESULT.match(body):
            m = RESULT.match(body)
            frame.results += 1
            if int(m.group(2)) != frame.results:
                self.problems.append("%s.%s numbered %s, expected %d" % (
                    self.path(depth), m.group(3), m.group(2), frame.results))
            counts = self.close_nested(depth + 1, m)
            if counts is None:
                counts = self.leaf(self.path(depth) + "." + (m.group(3) or ""),
                                   m, frame.diag)
            frame.counts = [a + b for a, b in zip(frame.counts, counts)]
            frame.diag = []

    def path(self, depth):
        """suite.case.subtest... down to the subtests at depth."""
        names = [self.started or self.suite or "?"]
        for d in sorted(self.nested):
            name = self.nested[d].name or "?"
            if d <= depth and not names[-1].endswith("." + name):
                names.append(name)     # KUnit repeats the case's name
        return ".".join(names)

    def leaf(self, full, m, diag):
        """One leaf's counts; a failure is printed with its diagnostics."""
        if m.group(4) in ("SKIP", "TODO"):
            print("SKIP %s: %s (%s)" % (self.name, full, m.group(5) or ""))
            return [0, 0, 1]
        if m.group(1) == "ok":
            return [1, 0, 0]
        print("FAIL %s: %s" % (self.name, full))
        for d in diag:
            print("     " + d)
        return [0, 1, 0]

    def close_nested(self, depth, m):
        """The result m closes the subtests at depth, if any: their leaf
        counts, checked against their plan and m's verdict; else None."""
        frame = self.nested.pop(depth, None)
        if frame is None:
            return None
        for d in [d for d in self.nested if d > depth]:
            del self.nested[d]
        name = self.path(depth - 1)
        if not name.endswith("." + (m.group(3) or "")):
            name += "." + (m.group(3) or frame.name or "?")
        if frame.plan is None:
            self.problems.append("subtests of %s have no plan" % name)
        elif frame.plan != frame.results:
            self.problems.append("subtests of %s planned %d but reported %d"
                                 % (name, frame.plan, frame.results))
        passed, failed, skipped = frame.counts
        if m.group(1) == "ok" and failed:
            self.problems.append("%s reported 'ok' but %d of its subtests failed"
                                 % (name, failed))
        elif m.group(1) == "not ok" and not failed:
            # It failed for a reason of its own (exit status, a leak).
            failed = self.leaf(name + " (itself)", m, frame.diag)[1]
        return [passed, failed, skipped]

    def case_result(self, m):
        status, name, directive = m.group(1), m.group(3), m.group(4)
        full = "%s.%s" % (self.suite, name)
        self.suite_results += 1
        if int(m.group(2)) != self.suite_results:
            self.problems.append("%s numbered %s, expected %d"
                                 % (full, m.group(2), self.suite_results))
        nested = self.close_nested(2, m)
        if nested is not None:
            self.passed += nested[0]
            self.failed += nested[1]
            self.skipped += nested[2]
            self.suite_failed += status == "not ok"
            self.suite_skipped += directive == "SKIP"
        elif directive in ("SKIP", "TODO"):
            self.skipped += 1
            self.suite_skipped += 1
            print("SKIP %s: %s (%s)" % (self.name, full, m.group(5) or ""))
        elif status == "ok":
            self.passed += 1
        else:
            self.failed += 1
            self.suite_failed += 1
            print("FAIL %s: %s" % (self.name, full))
            for d in self.diag:
                print("     " + d)
        self.diag = []
        self.started = None

    def suite_result(self, m):
        self.top_results += 1
        if int(m.group(2)) != self.top_results:
            self.problems.append("suite result numbered %s, expected %d"
                                 % (m.group(2), self.top_results))
        if self.suite is None:
            self.problems.append("a suite result without a suite: " + m.group(0))
            return
        if self.suite_plan != self.suite_results:
            self.problems.append("suite %s planned %s cases but reported %d"
                                 % (self.suite, self.suite_plan, self.suite_results))
        self.check_stats()
        # The verdict must follow from the cases: any failure fails it.
        if self.suite_failed:
            expected = "not ok"
        elif self.suite_results and self.suite_skipped == self.suite_results:
            expected = "ok # SKIP"
        else:
            expected = "ok"
        got = m.group(1) + (" # SKIP" if m.group(4) == "SKIP" else "")
        if got != expected:
            self.problems.append("suite %s reported '%s' but its cases say '%s'"
                                 % (self.suite, got, expected))
        self.suite = None

    def check_stats(self):
        """KUnit closes a suite of more than one case with "# NAME: pass:P
        fail:F skip:S total:T" and "# Totals: ..." (the same counts, as
        ktest has no parameterised cases); both must match the cases."""
        n = self.suite_results
        cases = (n - self.suite_failed - self.suite_skipped,
                 self.suite_failed, self.suite_skipped, n)
        for key in (self.suite, "Totals"):
            got = self.suite_stats.pop(key, None)
            if got is None and n > 1:
                self.problems.append("suite %s has no '# %s:' line" % (self.suite, key))
            elif got is not None and got != cases:
                self.problems.append(
                    "suite %s: '# %s: pass:%d fail:%d skip:%d total:%d' but its "
                    "cases say pass:%d fail:%d skip:%d total:%d"
                    % ((self.suite, key) + got + cases))
        for key in self.suite_stats:
            self.problems.append("suite %s closed by counts named '%s'" % (self.suite, key))

    def finish(self, status, expected):
        if not self.version:
            self.problems.append("no 'KTAP version 1' line")
        for d in sorted(self.nested):
            self.problems.append("subtests %s cut off after %d results"
                                 % (self.path(d), self.nested[d].results))
        if self.top_plan is not None and self.passed + self.failed + self.skipped == 0:
            self.problems.append("no test cases ran")
        if self.top_plan is None:
            self.problems.append("no KTAP plan found (did the boot reach the tests?)")
        elif self.suite is not None or self.top_results != self.top_plan:
            where = self.started or (self.suite and self.suite + " (between cases)")
            self.problems.append("stream ended early after %d of %d suites; last test started: %s"
                                 % (self.top_results, self.top_plan, where or "none"))
        if status is not None and expected is None:
            # The kernel powers off with 1 when a case failed, 0 otherwise.
            expected = 1 if self.failed else 0
        if status is not None and status != expected:
            self.problems.append("exit status %d, expected %d%s" % (
                status, expected, " (timeout)" if status == 124 else ""))
        for p in self.problems:
            print("FAIL %s: %s" % (self.name, p))
        if self.problems:
            self.failed += 1


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    name, path = argv[1], argv[2]
    status = expected = None
    if "--status" in argv:
        status = int(argv[argv.index("--status") + 1])
    if "--expect-status" in argv:
        expected = int(argv[argv.index("--expect-status") + 1])
    s = Stream(name)
    with open(path, errors="replace") as f:
        for raw in f:
            s.feed(raw)
    s.finish(status, expected)
    if s.problems:
        print("---- last lines of %s ----" % name)
        with open(path, errors="replace") as f:
            for line in f.readlines()[-25:]:
                print("  | " + clean(line))
    print("ktap: %d passed, %d failed, %d skipped" % (s.passed, s.failed, s.skipped))


if __name__ == "__main__":
    main(sys.argv)
