"""The data of the layout pictures, read from text the kernel printed: a
boot log with monitor commands typed at the prompt (`mm> e820`,
`zoneinfo`, `buddyinfo`, `vmallocinfo`, `maps PID`, `pkmap`, `fixmap`),
or the same text produced by the GDB helpers (gdb_layout.py builds it).

What is read, and from where:
  virtual kernel memory layout   the boot's layout lines (or mm-layout)
  e820 map, zone ranges          BIOS-e820 and Zone ranges lines of the boot
  memblock reservations          memblock=debug lines, when the boot had it
  free pages per order           the last buddyinfo, zoneinfo's present
  vmalloc areas, kmap slots      the last vmallocinfo, pkmap and fixmap
  one process's VMAs             the last `maps PID`, or the last
                                 /proc/self/maps mmdemo printed

parse(text) returns (virtual, physical): the dicts draw.py takes.
"""
import re

PAGE_OFFSET = 0xC0000000
HEX = r"0x([0-9a-f]+)"
TIME = r"^(?:\[[ 0-9.]+\] )?"
LAYOUT = re.compile(r"^\s+(fixmap|pkmap|vmalloc|lowmem|\.init|\.data|\.text)\s*: "
                    + HEX + " - " + HEX, re.M)
E820 = re.compile(TIME + r"(?:BIOS-e820: )?\[mem " + HEX + "-" + HEX + r"\] (\S+)$", re.M)
ZONE = re.compile(TIME + r"  (\w+)\s+\[mem " + HEX + "-" + HEX + r"\]$", re.M)
MAPS = re.compile(r"^([0-9a-f]{8})-([0-9a-f]{8}) (\S{4}) \S+ \S+ \d+ *(.*)$", re.M)
VMALLOC = re.compile(r"^" + HEX + "-" + HEX + r" +(\d+) (\S+)(.*)$", re.M)
PKMAP = re.compile(r"^ +(\d+) +(-?\d+) +" + HEX + r" +([0-9a-f]{8})$", re.M)
FIXMAP = re.compile(r"^ *(\d+) +([0-9a-f]{8}) +" + HEX + r" +(\w+ \d+)$", re.M)
MB_ALLOC = re.compile(r"memblock_alloc_try_nid: .* (\w+)\+0x[0-9a-f]+/0x[0-9a-f]+$")
MB_RESERVE = re.compile(r"memblock_reserve: \[" + HEX + "-" + HEX + r"\] (\w+)")
MB_FREE = re.compile(r"memblock_phys_free: \[" + HEX + "-" + HEX + r"\] (\w+)")


def sections(text):
    """[(command line, its output)] for each `mm> ` prompt, in order."""
    out = []
    for part in re.split(r"^mm> ", text, flags=re.M)[1:]:
        head, _, body = part.partition("\n")
        out.append((head.strip(), body))
    return out


def last_output(secs, command):
    """The output of the last run of command (with any arguments)."""
    found = [(h, b) for h, b in secs if h.split()[:1] == [command]]
    return found[-1] if found else (None, "")


def need(found, what):
    if not found:
        raise ValueError("the log has no %s" % what)
    return found


def layout_rows(text):
    rows = {}
    for name, a, b in need(LAYOUT.findall(text), "virtual kernel memory layout lines"):
        rows[name] = (int(a, 16), int(b, 16))
    return rows


def regions(rows):
    """The areas of the 4 GiB, in Linux's words (pgtable_32_areas.h)."""
    low, vm = rows["lowmem"], rows["vmalloc"]
    return [dict(name="user space", kind="user", start=0, end=PAGE_OFFSET),
            dict(name="lowmem (direct map)", kind="lowmem", start=low[0], end=low[1]),
            dict(name="8 MiB gap", kind="gap", start=low[1], end=vm[0]),
            dict(name="vmalloc", kind="vmalloc", start=vm[0], end=vm[1]),
            dict(name="pkmap", kind="pkmap", start=rows["pkmap"][0], end=rows["pkmap"][1]),
            dict(name="fixmap", kind="fixmap", start=rows["fixmap"][0], end=rows["fixmap"][1])]


def maps_block(text, secs):
    """(whose, lines) of the last maps printed: `maps PID` or mmdemo's."""
    blocks = []
    for m in re.finditer(r"^--- /proc/self/maps of the (\w+) ---\n((?:[0-9a-f]{8}-.*\n)+)",
                         text, re.M):
        blocks.append((m.start(), "mmdemo's %s (/proc/self/maps)" % m.group(1), m.group(2)))
    for m in re.finditer(r"^mm> maps (\d+)\n((?:[0-9a-f]{8}-.*\n)+)", text, re.M):
        blocks.append((m.start(), "pid %s" % m.group(1), m.group(2)))
    if not blocks:
        return "no process", []
    _, whose, body = max(blocks)
    return whose, MAPS.findall(body)


def vmalloc_areas(body):
    areas = []
    for a, b, size, caller, rest in VMALLOC.findall(body):
        kind = " ".join(w for w in rest.split() if "=" not in w)
        areas.append(dict(start=int(a, 16), end=int(b, 16), size=int(size),
                          caller=("%s %s" % (re.sub(r"\+.*", "", caller), kind)).strip()))
    return areas


def slots(secs):
    out = [dict(what="kmap slot %s" % s, vaddr=int(v, 16), pfn=int(p, 16))
           for s, _, p, v in PKMAP.findall(last_output(secs, "pkmap")[1])]
    out += [dict(what="fixmap %s (%s)" % (i, what), vaddr=int(v, 16), pfn=int(p, 16))
            for i, v, p, what in FIXMAP.findall(last_output(secs, "fixmap")[1])]
    return out


def virtual_data(text, secs):
    rows = layout_rows(text)
    whose, maps = maps_block(text, secs)
    return dict(regions=regions(rows), vma_owner=whose,
                image=[dict(name=n, start=rows[n][0], end=rows[n][1])
                       for n in (".text", ".data", ".init") if n in rows],
                vmas=[dict(start=int(a, 16), end=int(b, 16), perms=p, name=n.strip() or "[anon]")
                      for a, b, p, n in maps],
                vmalloc_areas=vmalloc_areas(last_output(secs, "vmallocinfo")[1]),
                slots=slots(secs))


def zone_counts(secs, zones):
    """present pages (zoneinfo) and free blocks per order (buddyinfo)."""
    info = last_output(secs, "zoneinfo")[1]
    for name, present in re.findall(r"^Node \d+, zone +(\w+)\n(?:.*\n)*? +present +(\d+)",
                                    info, re.M):
        if name in zones:
            zones[name]["present"] = int(present)
    buddy = last_output(secs, "buddyinfo")[1]
    for name, counts in re.findall(r"^Node \d+, zone +(\w+) +([\d ]+)$", buddy, re.M):
        if name in zones:
            zones[name]["free"] = [int(c) for c in counts.split()]


def memblock_reserved(text, image):
    """The reservations a memblock=debug boot printed, named after who
    made them; neighbours with one name are merged (paging_init's page
    tables come one page at a time)."""
    out, caller = [], None
    freed = [(int(a, 16), int(b, 16) + 1) for a, b, who in MB_FREE.findall(text)
             if who == "populate_rootfs"]
    for line in text.splitlines():
        m = MB_ALLOC.search(line)
        if m:
            caller = m.group(1)
            continue
        m = MB_RESERVE.search(line)
        if not m:
            continue
        start, end = int(m.group(1), 16), int(m.group(2), 16) + 1
        out.append(dict(name=reserve_name(start, end, caller, image, freed),
                        start=start, end=end))
        caller = None
    merged = []
    for r in sorted(out, key=lambda r: r["start"]):
        if merged and merged[-1]["name"] == r["name"] and merged[-1]["end"] >= r["start"]:
            merged[-1]["end"] = max(merged[-1]["end"], r["end"])
        else:
            merged.append(r)
    return merged


ALLOCATORS = {"paging_init": "page tables", "free_area_init": "mem_map"}


def reserve_name(start, end, caller, image, freed):
    if caller:
        return "%s (%s)" % (ALLOCATORS.get(caller, "memblock_alloc"), caller)
    if start == 0:
        return "page 0 (BIOS data)"
    if image and start <= image < end:
        return "kernel image"
    if any(a < end and start < b for a, b in freed):
        return "initramfs (freed after unpacking)"
    return "boot module"


def physical_data(text, secs):
    e820 = [dict(start=int(a, 16), end=int(b, 16) + 1, type=t)
            for a, b, t in need(E820.findall(text), "BIOS-e820 lines")]
    e820 = list({(e["start"], e["end"]): e for e in e820}.values())	# boot + e820 command
    zones = {}
    for name, a, b in need(ZONE.findall(text), "Zone ranges lines"):
        zones[name] = dict(name=name, start=int(a, 16), end=int(b, 16) + 1)
    zone_counts(secs, zones)
    rows = layout_rows(text)
    image = rows[".text"][0] - PAGE_OFFSET if ".text" in rows else None
    reserved, hint = memblock_reserved(text, image), ""
    if not reserved and ".text" in rows:
        end = max(b for n, (a, b) in rows.items() if n.startswith("."))
        reserved = [dict(name="kernel image (.text-.init)", start=image,
                         end=end - PAGE_OFFSET)]
        hint = "(No memblock=debug lines: of the reservations only the kernel image.)"
    return dict(e820=sorted(e820, key=lambda e: e["start"]), reserved=reserved,
                zones=sorted(zones.values(), key=lambda z: z["start"]), hint=hint)


def parse(text, source):
    """(virtual, physical) from the log's text; ValueError when it lacks
    what every picture needs."""
    text = text.replace("\r", "")
    secs = sections(text)
    virt, phys = virtual_data(text, secs), physical_data(text, secs)
    ram = sum(e["end"] - e["start"] for e in phys["e820"] if e["type"] == "usable")
    virt["title"] = "mmkernel's 4 GiB of virtual addresses (PAE, 3G/1G split, %s RAM)" % (
        "%d MiB" % (ram >> 20))
    phys["title"] = "mmkernel's physical memory: zones, holes, reservations, free blocks"
    virt["source"] = phys["source"] = source
    return virt, phys
