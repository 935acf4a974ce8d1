"""The pictures of `make layout`, drawn by matplotlib (Agg and SVG, no
display) from plain data: lists of address ranges.  Two front ends make
that data: fromlog.py from a boot log, gdb_layout.py from a running
kernel.  Nothing here knows where the numbers came from.

  virtual(data, base)    the 4 GiB virtual layout     -> base.svg, base.png
  physical(data, base)   zones, holes, reserved, free -> base.svg, base.png
  ptwalk(data, base)     one page-table walk          -> base.svg, base.png

A linear 4 GiB axis would hide a 4 KiB page, so only the first column of
the layout pictures is linear; the others are "broken": each panel is a
window with its own scale, and a zig-zag marks the addresses left out.
Addresses grow upwards, as in the ASCII pictures of Linux's headers.
Text stays text in the SVG (svg.fonttype none), so the labels can be
searched for.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt				# noqa: E402
from matplotlib import gridspec, patches		# noqa: E402

matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "mmkernel",
                            "font.family": "DejaVu Sans", "font.size": 8})

GiB4 = 1 << 32
PNG_DPI = 80
ORDER_COLORS = plt.get_cmap("viridis_r", 11)	# order 0 (pale) .. 10 (dark)
COLORS = {"user": "#9ecae1", "lowmem": "#a1d99b", "gap": "#ffffff",
          "vmalloc": "#fdae6b", "pkmap": "#bcbddc", "fixmap": "#fa9fb5",
          "unused": "#f0f0f0", "vma": "#6baed6", "text": "#31a354",
          "area": "#e6550d", "guard": "#ffffff", "slot": "#756bb1",
          "usable": "#c7e9c0", "reserved": "#bdbdbd", "hole": "#ffffff",
          "used": "#d9d9d9", "memblock": "#d94801",
          "DMA": "#fdd0a2", "Normal": "#c6dbef", "HighMem": "#dadaeb"}


def hexa(addr, width=8):
    return "0x%0*x" % (width, addr)


def size_text(n):
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            v = n / (1 << shift)
            return ("%d %s" if v == int(v) else "%.1f %s") % (v, unit)
    return "%d B" % n


class Item:
    """One range [start, end) to draw: a bar from x0 to x1 (fractions of
    the panel's width), labelled to the right unless label is None."""

    def __init__(self, start, end, label, color, x0=0.0, x1=1.0, hatch=None):
        self.start, self.end, self.label = start, end, label
        self.color, self.x0, self.x1, self.hatch = color, x0, x1, hatch


def clusters(items, lo, hi):
    """Windows [a, b) around groups of items: an item joins the group
    before it when the distance is under 1/256 of [lo, hi) or under twice
    the larger of the two; each window is padded a little, to pages."""
    spans = sorted((i.start, i.end) for i in items if i.end > lo and i.start < hi)
    out = []
    for s, e in spans:
        near = max(2 * (out[-1][1] - out[-1][0]), 2 * (e - s), (hi - lo) >> 8) if out else 0
        if out and s - out[-1][1] <= near:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    padded = []
    for s, e in out:
        pad = max((e - s) // 10, 0x1000) & ~0xFFF
        padded.append((max(lo, s - pad), min(hi, e + pad)))
    return padded or [(lo, hi)]


def spread(wanted, sep, low=0.0, high=1.0):
    """Label positions near the wanted ones (sorted, axes fractions) but
    at least sep apart, inside [low, high]."""
    pos = list(wanted)
    for i in range(1, len(pos)):
        pos[i] = max(pos[i], pos[i - 1] + sep)
    if pos and pos[-1] > high:
        pos[-1] = high
        for i in range(len(pos) - 2, -1, -1):
            pos[i] = min(pos[i], pos[i + 1] - sep)
    return [max(p, low) for p in pos]


def break_marks(ax, top, bottom):
    """The zig-zags of a broken axis on the panel's top and/or bottom."""
    kw = dict(transform=ax.transAxes, color="k", clip_on=False, lw=0.8)
    for y, on in ((1.0, top), (0.0, bottom)):
        if on:
            ax.plot([-0.15, 0.0, 0.15, 0.3], [y - 0.01, y + 0.01, y - 0.01, y + 0.01], **kw)
            ax.plot([0.7, 0.85, 1.0, 1.15], [y - 0.01, y + 0.01, y - 0.01, y + 0.01], **kw)


def panel(ax, lo, hi, items):
    """One window of a column: the items inside [lo, hi) as bars, the
    window's ends as tick labels, each item's label spread to the right."""
    ax.set_ylim(lo, hi)
    ax.set_xlim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([lo, hi])
    ax.set_yticklabels([hexa(lo), hexa(hi)], fontsize=7)
    for it in items:
        s, e = max(it.start, lo), min(it.end, hi)
        if e <= s:
            continue
        ax.add_patch(patches.Rectangle((it.x0, s), it.x1 - it.x0, e - s,
                                       facecolor=it.color, edgecolor="#555555",
                                       lw=0.4, hatch=it.hatch))
    shown = sorted((it for it in items if it.label and lo <= it.start < hi),
                   key=lambda it: (it.start + min(it.end, hi)) / 2)
    height = ax.get_window_extent().height or 100
    sep = 9.5 * ax.figure.dpi / 72 / height		# 9.5 points a label
    wanted = [((it.start + min(it.end, hi)) / 2 - lo) / (hi - lo) for it in shown]
    for it, y in zip(shown, spread(wanted, sep)):
        mid = (it.start + min(it.end, hi)) / 2
        ax.annotate(it.label, xy=(it.x1, mid), xycoords=("axes fraction", "data"),
                    xytext=(1.25, y), textcoords="axes fraction", va="center",
                    fontsize=7, annotation_clip=False,
                    arrowprops=dict(arrowstyle="-", lw=0.4, color="#777777"))


def column(fig, spec, title, windows, items):
    """A column of panels, one per window, highest addresses on top."""
    windows = sorted(windows, reverse=True)
    weights = [max(1, sum(1 for it in items if it.label and a <= it.start < b))
               for a, b in windows]
    inner = gridspec.GridSpecFromSubplotSpec(len(windows), 2, subplot_spec=spec,
                                             height_ratios=weights,
                                             width_ratios=[1, 4], hspace=0.12,
                                             wspace=0.0)
    for n, (a, b) in enumerate(windows):
        ax = fig.add_subplot(inner[n, 0])
        panel(ax, a, b, items)
        break_marks(ax, top=n > 0, bottom=n < len(windows) - 1)
        if n == 0:
            ax.set_title(title, loc="left", fontsize=9, fontweight="bold", pad=8)


def save(fig, base):
    """base.svg, and base.png for the README (kept small: 80 dpi)."""
    fig.savefig(base + ".svg", metadata={"Date": None})
    fig.savefig(base + ".png", dpi=PNG_DPI, metadata={"Software": None})
    plt.close(fig)


def note(fig, text):
    fig.text(0.01, 0.01, text, fontsize=8, va="bottom", wrap=True)


# --- the virtual layout ---------------------------------------------------

def virtual_items(d):
    """Items of the overview column: the regions and the holes between."""
    items, edge = [], 0
    for r in sorted(d["regions"], key=lambda r: r["start"]):
        if r["start"] > edge:
            items.append(Item(edge, r["start"], "unused  %s-%s" % (
                hexa(edge), hexa(r["start"])), COLORS["unused"]))
        items.append(Item(r["start"], r["end"], "%s  %s-%s (%s)" % (
            r["name"], hexa(r["start"]), hexa(r["end"]), size_text(r["end"] - r["start"])),
            COLORS.get(r["kind"], "#cccccc")))
        edge = r["end"]
    return items


def vma_items(d):
    return [Item(v["start"], v["end"], "%s-%s %s %s" % (
        hexa(v["start"]), hexa(v["end"]), v["perms"], v["name"]), COLORS["vma"])
        for v in d["vmas"]]


def vmalloc_items(d, lo, hi):
    """Each area's pages, its guard page (the last page of its size) and
    the free space between areas."""
    items, edge = [], lo
    for a in sorted(d["vmalloc_areas"], key=lambda a: a["start"]):
        if a["start"] > edge:
            items.append(Item(edge, a["start"], "free %s-%s" % (hexa(edge), hexa(a["start"])),
                              COLORS["unused"]))
        edge = a["end"]
        guard = a["start"] + a["size"] - 0x1000
        items.append(Item(a["start"], guard, "%s-%s %s %s" % (
            hexa(a["start"]), hexa(a["end"]), size_text(a["size"]), a["caller"]),
            COLORS["area"]))
        items.append(Item(guard, guard + 0x1000, "guard page %s" % hexa(guard),
                          COLORS["guard"], hatch="xxxx"))
    if items and edge < hi:
        items.append(Item(edge, hi, "free %s-%s" % (hexa(edge), hexa(hi)), COLORS["unused"]))
    return items


def slot_items(d):
    items = [Item(s["vaddr"], s["vaddr"] + 0x1000, "%s %s pfn %s" % (
        s["what"], hexa(s["vaddr"]), hex(s["pfn"])), COLORS["slot"]) for s in d["slots"]]
    return items


def region(d, kind):
    return next((r for r in d["regions"] if r["kind"] == kind), None)


def virtual(d, base):
    """d: regions (name, kind, start, end), image (name, start, end),
    vmas, vmalloc_areas, slots (kmap/fixmap slots in use), title."""
    fig = plt.figure(figsize=(18, 9))
    outer = gridspec.GridSpec(1, 4, figure=fig, wspace=0.5, left=0.05, right=0.92,
                              top=0.9, bottom=0.08)
    fig.suptitle(d["title"], x=0.01, ha="left", fontsize=12, fontweight="bold")
    column(fig, outer[0], "4 GiB, linear scale", [(0, GiB4)], virtual_items(d))

    user = region(d, "user")
    vmas = vma_items(d)
    column(fig, outer[1], "user space: %s" % d["vma_owner"],
           clusters(vmas, user["start"], user["end"]), vmas)

    low, vm = region(d, "lowmem"), region(d, "vmalloc")
    top = [r for r in d["regions"] if r["kind"] in ("pkmap", "fixmap")]
    kernel = [Item(r["start"], r["end"], "%s %s-%s" % (r["name"], hexa(r["start"]),
                                                       hexa(r["end"])),
                   COLORS.get(r["kind"], "#cccccc"), 0, 0.35)
              for r in d["regions"] if r["kind"] in ("lowmem", "vmalloc", "pkmap", "fixmap")]
    kernel += [Item(s["start"], s["end"], "kernel %s %s-%s" % (
        s["name"], hexa(s["start"]), hexa(s["end"])), COLORS["text"], 0.35, 1)
        for s in d["image"]]
    kernel += [Item(r["start"], r["end"], "%s (no mapping: catches overruns)" % r["name"],
                    COLORS["unused"], 0.35, 1, hatch="..")
               for r in d["regions"] if r["kind"] == "gap"]
    kernel += slot_items(d)
    image_end = max(s["end"] for s in d["image"]) if d["image"] else low["start"] + 0x400000
    windows = [(low["start"], (image_end + 0x1FFFFF) & ~0xFFFFF),
               (low["end"] - 0x200000, vm["start"] + 0x200000),
               (min(r["start"] for r in top) - 0x4000, GiB4)]
    column(fig, outer[2], "kernel space: the direct map, the gap, pkmap, fixmap",
           windows, kernel)

    areas = vmalloc_items(d, vm["start"], vm["end"])
    column(fig, outer[3], "vmalloc %s-%s: live areas" % (hexa(vm["start"]), hexa(vm["end"])),
           clusters([a for a in areas if a.color != COLORS["unused"]], vm["start"], vm["end"])
           if areas else [(vm["start"], vm["end"])],
           areas + [Item(vm["start"], vm["end"], None, COLORS["unused"], 0, 0.35)])
    note(fig, "Column 1 is linear over 4 GiB; columns 2-4 are broken axes: each panel has "
         "its own scale (its ends are the tick labels) and a zig-zag marks the "
         "addresses left out between panels. Guard pages are hatched. "
         "Source: %s." % d["source"])
    save(fig, base)


# --- physical memory ------------------------------------------------------

def e820_items(d, x0, x1):
    """The e820 map, holes between its entries included."""
    items, edge = [], 0
    for e in d["e820"]:
        if e["start"] > edge:
            items.append(Item(edge, e["start"], "hole %s-%s" % (hexa(edge, 9), hexa(e["start"], 9)),
                              COLORS["hole"], x0, x1, hatch="//"))
        items.append(Item(e["start"], e["end"], "e820 %s %s-%s" % (
            e["type"], hexa(e["start"], 9), hexa(e["end"], 9)),
            COLORS.get(e["type"], COLORS["reserved"]), x0, x1))
        edge = max(edge, e["end"])
    return items


def zone_items(d, x0, x1, labels=True):
    return [Item(z["start"], z["end"], "%s %s-%s" % (z["name"], hexa(z["start"], 9),
                                                     hexa(z["end"], 9)) if labels else None,
                 COLORS.get(z["name"], "#cccccc"), x0, x1) for z in d["zones"]]


def free_block_items(d, x0, x1):
    """A bar per run of free blocks of one order (a zone at boot is
    mostly order-10 blocks side by side: one bar, not hundreds)."""
    runs = []
    for b in sorted(d.get("free_blocks") or (), key=lambda b: b["pfn"]):
        start, end = b["pfn"] << 12, (b["pfn"] + (1 << b["order"])) << 12
        if runs and runs[-1][2] == b["order"] and runs[-1][1] == start:
            runs[-1][1] = end
        else:
            runs.append([start, end, b["order"]])
    return [Item(s, e, None, ORDER_COLORS(o), x0, x1) for s, e, o in runs]


def order_bars(ax, d):
    """Per zone, 100% = its present pages: free pages stacked by order,
    the rest used (allocated or reserved)."""
    zones = [z for z in d["zones"] if z.get("present") and z.get("free")]
    if not zones:
        ax.text(50, 0.5, "no buddyinfo and zoneinfo in the source", ha="center")
    for n, z in enumerate(zones):
        left = 0.0
        for order, count in enumerate(z["free"]):
            w = 100.0 * (count << order) / z["present"]
            ax.barh(n, w, left=left, color=ORDER_COLORS(order), edgecolor="none")
            left += w
        ax.barh(n, 100 - left, left=left, color=COLORS["used"], edgecolor="none")
    ax.set_yticks(range(len(zones)))
    ax.set_yticklabels(["%s\n%d of %d\npages free" % (
        z["name"], sum(c << o for o, c in enumerate(z["free"])), z["present"]) for z in zones])
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the zone's present pages")
    ax.set_title("free pages by order (buddyinfo), used in grey", loc="left",
                 fontsize=9, fontweight="bold")
    handles = [patches.Patch(color=ORDER_COLORS(o), label="order %d (%s)" % (
        o, size_text(0x1000 << o))) for o in range(11)]
    handles.append(patches.Patch(color=COLORS["used"], label="used"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.15), ncol=2,
              fontsize=7, frameon=False)


def physical(d, base):
    """d: e820 (start, end, type), zones (name, start, end, present, free
    per order), reserved (start, end, name), free_blocks (pfn, order;
    optional: a log has only the counts), title, source."""
    fig = plt.figure(figsize=(16, 9))
    outer = gridspec.GridSpec(1, 3, figure=fig, wspace=0.45, left=0.06, right=0.98,
                              top=0.9, bottom=0.08, width_ratios=[1, 1.1, 0.8])
    fig.suptitle(d["title"], x=0.01, ha="left", fontsize=12, fontweight="bold")
    top = max(e["end"] for e in d["e820"])
    column(fig, outer[0], "physical addresses, linear: zones | e820",
           [(0, top)], zone_items(d, 0, 0.45) + e820_items(d, 0.55, 1))

    items = zone_items(d, 0, 0.2)
    if d.get("free_blocks"):
        items += [Item(z["start"], z["end"], None, COLORS["used"], 0.2, 0.6)
                  for z in d["zones"]]
        items += free_block_items(d, 0.2, 0.6)
    items += [it for it in e820_items(d, 0.2, 0.6) if it.hatch]	# the holes
    items += [Item(r["start"], r["end"], "%s %s-%s" % (r["name"], hexa(r["start"], 9),
                                                     hexa(r["end"], 9)),
                   COLORS["memblock"], 0.6, 1) for r in d["reserved"]]
    where = "free blocks coloured by order" if d.get("free_blocks") else \
        "(free block positions: from GDB only)"
    column(fig, outer[1], "each zone on its own scale: %s, reservations" % where,
           [(z["start"], z["end"]) for z in d["zones"]], items)

    order_bars(fig.add_subplot(gridspec.GridSpecFromSubplotSpec(
        2, 1, subplot_spec=outer[2])[0]), d)
    note(fig, "Column 1 is linear; in column 2 each zone is a panel with its own scale "
         "(a zig-zag marks the break), zone colour on the left, free blocks coloured by "
         "order over used memory (grey) in the middle, memblock reservations on the "
         "right; holes are hatched. Source: %s. %s" % (d["source"], d.get("hint", "")))
    save(fig, base)


# --- one page-table walk --------------------------------------------------

ENTRIES = {"PDPT": 4, "PMD": 512, "PTE": 512}


def address_bits(ax, vaddr, steps):
    """The virtual address cut into its index fields, above the tables."""
    fields = [("PDPT", 31, 30), ("PMD", 29, 21), ("PTE", 20, 12), ("offset", 11, 0)]
    if any(s["level"] == "2M" for s in steps):
        fields = fields[:2] + [("offset", 20, 0)]
    x = 2.0
    ax.text(2, 96, "virtual address %s" % hexa(vaddr), fontsize=11, fontweight="bold")
    for name, hi, lo in fields:
        w = (hi - lo + 1) * 2.2
        value = vaddr >> lo & ((1 << (hi - lo + 1)) - 1)
        ax.add_patch(patches.Rectangle((x, 86), w, 6, facecolor="#f7f7f7", edgecolor="k", lw=0.6))
        ax.text(x + w / 2, 89, "%s = %s" % (name, value if name != "offset" else hex(value)),
                ha="center", va="center", fontsize=8)
        ax.text(x, 84.5, "bit %d" % hi, fontsize=6, va="top")
        x += w


def table_box(ax, x, level, step, width=17):
    """A table as a tall box, the entry used at its index's height;
    returns that height."""
    entries = ENTRIES[level]
    ax.add_patch(patches.Rectangle((x, 20), width, 56, facecolor="#f0f0f0", edgecolor="k", lw=0.8))
    y = min(max(76 - 56 * (step["index"] + 0.5) / entries, 22), 74)
    present = step["entry"] & 1
    ax.add_patch(patches.Rectangle((x, y - 2), width, 4, facecolor="#fdae6b" if present
                                   else "#fc9272", edgecolor="k", lw=0.6))
    ax.text(x + width / 2, y, "[%d]" % step["index"], ha="center", va="center", fontsize=8)
    ax.text(x, 78, "%s (%d entries)\nat phys %s" % (level, entries, hex(step["table"])),
            fontsize=8, va="bottom")
    bits = step["bits"] or ["not present"]
    lines = ["entry @%s" % hex(step["at"]), "= 0x%016x" % step["entry"],
             "frame %s" % hex(step["frame"])]
    lines += [" ".join(bits[i:i + 3]) for i in range(0, len(bits), 3)]
    ax.text(x, 18, "\n".join(lines), fontsize=7.5, va="top", family="DejaVu Sans Mono")
    return y


def arrow(ax, x0, y0, x1, y1):
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops=dict(arrowstyle="->", lw=1.0, color="#333333"))


def ptwalk(d, base):
    """d: vaddr, source (how the PDPT was found), pdpt (its phys), steps:
    level (PDPT, PMD, PTE), index, table, at, entry, frame, bits; and
    result: phys or None, page ("4K" or "2M").  Each entry's frame points
    at the next table's start (or the page's); the next index picks the
    entry in it."""
    fig, ax = plt.subplots(figsize=(12, 5.2))
    fig.subplots_adjust(left=0.02, right=0.98, top=0.98, bottom=0.02)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.axis("off")
    address_bits(ax, d["vaddr"], d["steps"])
    end = "phys %s" % hex(d["result"]) if d["result"] is not None else "not mapped"
    ax.text(98, 96, "%s -> %s" % (hexa(d["vaddr"]), end), fontsize=11, ha="right")
    ax.text(0.5, 76, "%s:\n%s" % (d["source"], hex(d["pdpt"])), fontsize=8, va="center")
    x, prev = 14.0, (7, 74)
    for step in d["steps"]:
        arrow(ax, prev[0], prev[1], x, 76)
        prev = (x + 17, table_box(ax, x, step["level"], step))
        x += 22
    if d["result"] is not None:
        ax.add_patch(patches.Rectangle((x, 30), 14, 46, facecolor=COLORS["lowmem"],
                                       edgecolor="k", lw=0.8))
        ax.text(x + 7, 50, "%s page\n+ offset\n= phys\n%s" % (d["page"], hex(d["result"])),
                ha="center", va="center", fontsize=8)
        arrow(ax, prev[0], prev[1], x, 76)
    else:
        ax.text(x, prev[1], "not present:\nthe walk stops here,\nan access would fault",
                fontsize=9, va="center", color="#a50f15")
    save(fig, base)
