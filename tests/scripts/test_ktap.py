#!/usr/bin/env python3
"""Tests of scripts/ktap.py, the checker every KTAP stream of make test goes
through: small streams, good and broken, each with the problems the checker
must report (none for a good one).  Prints its own results as KTAP, which
scripts/run-tests.sh checks with ktap.py like any other stream."""
import contextlib
import importlib.util
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "ktap", os.path.join(HERE, "..", "..", "scripts", "ktap.py"))
ktap = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ktap)


def suite(name, cases, stats=True, counts=None, verdict=None, nr=1):
    """A suite as ktest prints it; cases are "ok", "not ok" or "skip".
    stats=False leaves out the two count lines; counts overrides them."""
    lines = ["    KTAP version 1", "    # Subtest: " + name,
             "    1..%d" % len(cases)]
    for i, c in enumerate(cases, 1):
        lines.append("    # start: c%d" % i)
        lines.append("    ok %d c%d # SKIP why" % (i, i) if c == "skip"
                     else "    %s %d c%d" % (c, i, i))
    failed = "not ok" in cases
    counts = counts or (cases.count("ok"), cases.count("not ok"),
                        cases.count("skip"), len(cases))
    if stats and len(cases) > 1:
        lines.append("# %s: pass:%d fail:%d skip:%d total:%d" % ((name,) + counts))
        lines.append("# Totals: pass:%d fail:%d skip:%d total:%d" % counts)
    lines.append("%s %d %s" % (verdict or ("not ok" if failed else "ok"), nr, name))
    return lines


def stream(*suites):
    return ["KTAP version 1", "1..%d" % len(suites)] + sum(suites, [])


GOOD = stream(suite("a", ["ok", "not ok", "skip"]))


def program(name, results, plan=None, verdict=None, nr=1):
    """A user test program's KTAP as the exec suite nests it under the
    case "progs" (8 spaces), its results 12 spaces deep."""
    lines = ["            KTAP version 1", "            # Subtest: " + name]
    if plan != -1:
        lines.append("            1..%d" % (len(results) if plan is None else plan))
    for i, r in enumerate(results, 1):
        lines.append("            ok %d r%d # SKIP why" % (i, i) if r == "skip"
                     else "            %s %d r%d" % (r, i, i))
    if verdict is None:
        verdict = "not ok" if "not ok" in results else "ok"
    return lines + ["        %s %d %s" % (verdict, nr, name)]


def progs(*programs, verdict=None):
    """The exec suite with one case, "progs", whose subtests are programs."""
    body = sum(programs, [])
    failed = any(l.startswith("        not ok") for l in body)
    lines = ["    KTAP version 1", "    # Subtest: exec", "    1..1",
             "    # start: progs", "        KTAP version 1",
             "        # Subtest: progs", "        1..%d" % len(programs)] + body
    lines.append("    %s 1 progs" % (verdict or ("not ok" if failed else "ok")))
    lines.append("%s 1 exec" % ("not ok" if failed or verdict == "not ok" else "ok"))
    return stream(lines)

# name, lines, process status (None: not checked), substrings of the
# problems expected (in order), and the counts (passed, failed, skipped)
# expected, where they matter
CASES = [
    ("good_stream", GOOD, 1, []),
    ("one_case_needs_no_totals", stream(suite("a", ["ok"])), 0, []),
    ("timestamps_and_cr_stripped",
     ["[    1.000000] %s\r" % l for l in stream(suite("a", ["ok", "ok"]))], 0, []),
    ("totals_disagree_with_cases",
     stream(suite("a", ["ok", "not ok"], counts=(2, 0, 0, 2))), 1,
     ["'# a: pass:2 fail:0 skip:0 total:2' but its cases say pass:1 fail:1",
      "'# Totals: pass:2 fail:0 skip:0 total:2' but its cases say"]),
    ("totals_miss_a_case",
     stream(suite("a", ["ok", "ok", "ok"], counts=(2, 0, 0, 2))), 0,
     ["'# a: pass:2", "'# Totals: pass:2"]),
    ("no_totals_lines", stream(suite("a", ["ok", "ok"], stats=False)), 0,
     ["suite a has no '# a:' line", "suite a has no '# Totals:' line"]),
    ("counts_named_for_another_suite",
     [l.replace("# a:", "# b:") for l in stream(suite("a", ["ok", "ok"]))], 0,
     ["suite a has no '# a:' line", "suite a closed by counts named 'b'"]),
    ("counts_checked_per_suite",
     stream(suite("a", ["ok", "ok"]),
            suite("b", ["ok", "skip"], counts=(2, 0, 0, 2), nr=2)), 0,
     ["suite b: '# b: pass:2", "suite b: '# Totals: pass:2"]),
    ("empty_plan", ["KTAP version 1", "1..0"], None, ["no test cases ran"]),
    ("no_ktap_at_all", ["selftest: no such suite"], None,
     ["no 'KTAP version 1' line", "no KTAP plan found"]),
    ("cut_off", GOOD[:-4], 1, ["stream ended early after 0 of 1 suites; "
                               "last test started: a.c3"]),
    ("verdict_against_cases", stream(suite("a", ["ok", "not ok"], verdict="ok")), 1,
     ["suite a reported 'ok' but its cases say 'not ok'"]),
    ("status_against_cases", GOOD, 0, ["exit status 0, expected 1"]),
    ("deep_text_is_no_subtest",
     stream(suite("a", ["ok"])[:3] + ["        pages free 1", "        1..3",
                                       "        ok 1 x"] + suite("a", ["ok"])[3:]),
     0, [], (1, 0, 0)),
    ("nested_leaves_counted",
     progs(program("p", ["ok", "ok", "skip"]), program("q", ["not ok", "ok"], nr=2)),
     1, [], (3, 1, 1)),
    ("nested_failed_by_itself",
     progs(program("p", ["ok", "ok"], verdict="not ok")), 1, [], (2, 1, 0)),
    ("nested_no_plan", progs(program("p", ["ok"], plan=-1)), 0,
     ["subtests of exec.progs.p have no plan"], (1, 1, 0)),
    ("nested_plan_cut_short", progs(program("p", ["ok", "ok"], plan=3)), 0,
     ["subtests of exec.progs.p planned 3 but reported 2"], (2, 1, 0)),
    ("nested_verdict_against_results",
     progs(program("p", ["ok", "not ok"], verdict="ok")), 1,
     ["exec.progs.p reported 'ok' but 1 of its subtests failed",
      "exec.progs reported 'ok' but 1 of its subtests failed"]),
    ("nested_misnumbered",
     [l.replace("ok 2 r2", "ok 3 r2") for l in progs(program("p", ["ok", "ok"]))], 0,
     ["exec.progs.p.r2 numbered 3, expected 2"]),
    ("nested_cut_off", progs(program("p", ["ok", "ok"]))[:-3], 0,
     ["subtests exec.progs cut off after 0 results",
      "subtests exec.progs.p cut off after 2 results", "no test cases ran",
      "stream ended early after 0 of 1 suites; last test started: exec.progs"]),
]


def run(lines, status):
    s = ktap.Stream("t")
    with contextlib.redirect_stdout(io.StringIO()):
        for line in lines:
            s.feed(line + "\n")
        s.finish(status, None)
    return s


def check(lines, status, want, counts=None):
    """Returns diagnostics: empty when exactly the wanted problems came
    (and the wanted counts, if given)."""
    s = run(lines, status)
    got, diag = s.problems, []
    if len(got) != len(want) or not all(w in g for w, g in zip(want, got)):
        diag = (["expected problems:"] + ["  " + w for w in want] +
                ["got:"] + ["  " + g for g in got])
    if counts and (s.passed, s.failed, s.skipped) != counts:
        diag.append("counted %s, expected %s" % ((s.passed, s.failed, s.skipped), counts))
    return diag


def main():
    print("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: ktap_py")
    print("    1..%d" % len(CASES))
    failed = 0
    for i, (name, lines, status, want, *counts) in enumerate(CASES, 1):
        print("    # start: " + name)
        diag = check(lines, status, want, *counts)
        for d in diag:
            print("    # " + d)
        print("    %s %d %s" % ("not ok" if diag else "ok", i, name))
        failed += bool(diag)
    n = len(CASES)
    print("# ktap_py: pass:%d fail:%d skip:0 total:%d" % (n - failed, failed, n))
    print("# Totals: pass:%d fail:%d skip:0 total:%d" % (n - failed, failed, n))
    print("%s 1 ktap_py" % ("not ok" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
