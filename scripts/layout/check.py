#!/usr/bin/python3
"""make test's check of `make layout`: the pictures against what the
kernel printed.

usage: check.py BOOT_LOG GDB_LOG GDB_DIR LOG_DIR [MEMBLOCK_LOG MEMBLOCK_DIR]

BOOT_LOG and GDB_LOG are the serial log and gdb transcript of one
`make layout` run (scripts/layout/run.sh), whose pictures are in GDB_DIR;
LOG_DIR holds the pictures `make layout LOG=BOOT_LOG` drew from the same
log.  Every SVG must parse as XML and carry, as text, the addresses the
kernel printed: the layout's areas, the vmalloc areas, the child's VMAs,
the zone ranges and e820 entries, and each page-table walk's entries and
result.  MEMBLOCK_LOG is a memblock=debug boot's log, MEMBLOCK_DIR the
pictures drawn from it: they must show the reservations setup_arch made
(page 0, the kernel, the initramfs) and mem_map's, as the log printed
them.  The expectations come from the log and the transcript through
their own regular expressions, not through the parser under test.
Prints a line per check; exits 1 when any failed.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

failed = 0


def check(ok, what, detail=""):
    global failed
    print("%s: %s" % ("ok" if ok else "FAIL", what))
    if not ok:
        failed += 1
        if detail:
            print("  " + detail)


def svg_text(path):
    """The SVG's text elements joined, or None when it is not XML."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        check(False, "%s parses as XML" % path, str(e))
        return None
    return "\n".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))


def picture(path, labels, what):
    """path.svg (XML, with every label) and path.png (a PNG, < 200 KB)."""
    check(bool(labels), "%s: the log printed addresses to look for" % what)
    png = path + ".png"
    ok = os.path.isfile(png) and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    check(ok and os.path.getsize(png) < 200000, "%s: %s is a PNG under 200 KB" % (what, png))
    text = svg_text(path + ".svg")
    if text is None:
        return
    missing = [label for label in labels if label not in text]
    check(not missing, "%s: %s.svg shows the %d labels" % (what, path, len(labels)),
          "missing: " + " ".join(missing))


def virtual_labels(log):
    """The ranges of lowmem, vmalloc, pkmap and fixmap, of each vmalloc
    area and of the first and last VMA of the last maps the child
    printed, as start-end."""
    rows = re.findall(r"^ +(?:lowmem|vmalloc|pkmap|fixmap) *: 0x([0-9a-f]{8}) - 0x([0-9a-f]{8})",
                      log, re.M)
    vm = log.split("mm> vmallocinfo\n")[-1].split("mm> ")[0] if "mm> vmallocinfo\n" in log else ""
    areas = re.findall(r"^0x([0-9a-f]{8})-0x([0-9a-f]{8}) ", vm, re.M)
    maps = re.findall(r"^--- /proc/self/maps of the child ---\n((?:[0-9a-f]{8}-.*\n)+)", log, re.M)
    vmas = re.findall(r"^([0-9a-f]{8})-([0-9a-f]{8}) ", maps[-1], re.M) if maps else []
    ranges = rows[-4:] + areas + vmas[:1] + vmas[-1:]
    return ["0x%s-0x%s" % r for r in ranges] if len(rows) >= 4 and areas and vmas else []


def physical_labels(log):
    """Each zone's range and each e820 entry's, as 36-bit hex start-end
    (the end exclusive: the log prints the last byte)."""
    zones = re.findall(r"^\[[ .0-9]+\]   \w+ +\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]$", log, re.M)
    e820 = re.findall(r"BIOS-e820: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]", log)
    return ["0x%09x-0x%09x" % (int(a, 16), int(b, 16) + 1) for a, b in zones + e820] \
        if zones and e820 else []


def memblock_labels(log):
    """The ranges memblock_reserve printed, except those that a
    memblock_alloc made (the page tables come page by page and are
    drawn merged), and mem_map's, which free_area_init allocated."""
    labels, alloc = [], None
    for line in log.splitlines():
        if "memblock_alloc_try_nid: " in line:
            alloc = line
            continue
        m = re.search(r"memblock_reserve: \[0x([0-9a-f]+)-0x([0-9a-f]+)\]", line)
        if m and (alloc is None or " free_area_init+" in alloc):
            labels.append("0x%09x-0x%09x" % (int(m.group(1), 16), int(m.group(2), 16) + 1))
        alloc = None
    return labels if len(labels) >= 3 else []


def walks(transcript):
    """{svg path: labels} for each mm-ptwalk --svg in the transcript:
    the PDPT, each entry's value and the physical address it found."""
    out = {}
    for block, path in re.findall(r"^(0x[0-9a-f]{8}: PDPT at phys .*?)^mm-ptwalk: wrote (\S+)\.svg ",
                                  transcript, re.M | re.S):
        labels = ["0x" + e for e in re.findall(r"@0x[0-9a-f]+ 0x([0-9a-f]{16}) ", block)]
        labels += ["phys " + p for p in re.findall(r"-> phys (0x[0-9a-f]+)", block)]
        out[path] = labels
    return out


def main():
    if len(sys.argv) not in (5, 7):
        sys.exit("usage: check.py BOOT_LOG GDB_LOG GDB_DIR LOG_DIR [MEMBLOCK_LOG MEMBLOCK_DIR]")
    boot, transcript, gdb_dir, log_dir = sys.argv[1:5]
    log = open(boot, errors="replace").read().replace("\r", "")
    gdb_text = open(transcript, errors="replace").read()
    for where, d in (("from GDB", gdb_dir), ("from the log", log_dir)):
        picture(os.path.join(d, "virtual"), virtual_labels(log), "virtual layout " + where)
        picture(os.path.join(d, "physical"), physical_labels(log), "physical memory " + where)
    found = walks(gdb_text)
    check(len(found) == 4, "four mm-ptwalk --svg walks in the transcript (found %d)" % len(found))
    for path, labels in sorted(found.items()):
        picture(path, labels, "mm-ptwalk --svg")
    if len(sys.argv) == 7:
        log = open(sys.argv[5], errors="replace").read().replace("\r", "")
        picture(os.path.join(sys.argv[6], "physical"), memblock_labels(log),
                "memblock=debug reservations from the log")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
