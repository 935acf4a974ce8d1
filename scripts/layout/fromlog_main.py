#!/usr/bin/python3
"""`make layout LOG=FILE`: the layout pictures from a boot log.

usage: fromlog_main.py LOG OUTDIR

Writes OUTDIR/virtual.{svg,png} and OUTDIR/physical.{svg,png}.  A log
that lacks what a picture needs (no layout lines, no e820 map, no zone
ranges) gets a one-line error and exit status 1.
(/usr/bin/python3: Debian's, where python3-matplotlib is installed.)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import draw		# noqa: E402
import fromlog		# noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: fromlog_main.py LOG OUTDIR")
    log, outdir = sys.argv[1:]
    try:
        with open(log, errors="replace") as f:
            virt, phys = fromlog.parse(f.read(), "the boot log %s" % os.path.basename(log))
    except (OSError, ValueError) as e:
        sys.exit("layout: %s" % e)
    os.makedirs(outdir, exist_ok=True)
    draw.virtual(virt, os.path.join(outdir, "virtual"))
    draw.physical(phys, os.path.join(outdir, "physical"))
    print("layout: wrote %s/{virtual,physical}.{svg,png}" % outdir)


if __name__ == "__main__":
    main()
