"""Shared pieces of the GDB helpers: types, list walks, kallsyms, output.

Constants the kernel keeps as #defines (invisible in the debug info) are
repeated here, each with the header it comes from.
"""
import gdb

PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT


class CachedType:
    """A kernel type looked up on first use (the ELF may load later)."""

    def __init__(self, name):
        self.name = name
        self._type = None

    def get(self):
        if self._type is None:
            self._type = gdb.lookup_type(self.name)
        return self._type

    def ptr(self):
        return self.get().pointer()


def container_of(ptr, ctype, member):
    """The struct of type ctype (a gdb.Type) whose member ptr points at."""
    off = next(f.bitpos // 8 for f in ctype.fields() if f.name == member)
    addr = int(ptr) - off
    return gdb.Value(addr).cast(ctype.pointer())


def list_for_each_entry(head, ctype, member):
    """Entries of a struct list_head list, as in Linux's macro.

    head is the list_head value (or a pointer to it); ctype the entry type.
    """
    if head.type.code == gdb.TYPE_CODE_PTR:
        head = head.dereference()
    head_addr = int(head.address)
    node = head["next"]
    seen = 0
    while int(node) != head_addr:
        yield container_of(node, ctype, member)
        node = node["next"]
        seen += 1
        if seen > 1000000:
            raise gdb.GdbError("list at 0x%08x does not end" % head_addr)


def sym(name):
    return gdb.parse_and_eval(name)


def read_ulongs(addr, count, size=4):
    data = gdb.selected_inferior().read_memory(addr, count * size).tobytes()
    return [int.from_bytes(data[i:i + size], "little")
            for i in range(0, len(data), size)]


def read_cstring(addr, limit=256):
    data = gdb.selected_inferior().read_memory(addr, limit).tobytes()
    return data.split(b"\0", 1)[0].decode("latin-1")


class _Kallsyms:
    """The kernel's own symbol tables (kernel/kallsyms.c), read once."""

    def __init__(self):
        n = int(sym("kallsyms_num_syms"))
        self.addrs = read_ulongs(int(sym("&kallsyms_addresses[0]")), n)
        self.sizes = read_ulongs(int(sym("&kallsyms_sizes[0]")), n)
        self.offs = read_ulongs(int(sym("&kallsyms_name_offsets[0]")), n)
        self.names = int(sym("&kallsyms_names[0]"))

    def lookup(self, addr):
        """(name, offset, size) as kallsyms_lookup finds them, or None."""
        import bisect
        i = bisect.bisect_right(self.addrs, addr) - 1
        if i < 0 or addr - self.addrs[i] >= self.sizes[i]:
            return None
        return (read_cstring(self.names + self.offs[i]),
                addr - self.addrs[i], self.sizes[i])


_kallsyms = None


def symbol_name(addr):
    """%pS: name+0xoff/0xsize, or the address in hex."""
    global _kallsyms
    if _kallsyms is None:
        _kallsyms = _Kallsyms()
    found = _kallsyms.lookup(addr)
    if not found:
        return "0x%08x" % addr
    return "%s+0x%x/0x%x" % found


def parse_number(text, what):
    """An integer argument in C syntax, or a one-line error."""
    try:
        return int(gdb.parse_and_eval(text)) & 0xFFFFFFFFFFFFFFFF
    except (gdb.error, TypeError, ValueError):	# not parsed, or a struct
        raise gdb.GdbError("%s: '%s' is not a number" % (what, text))


def find_task(pid):
    """The task_struct with this pid, or None (for_each_process)."""
    task_t = gdb.lookup_type("struct task_struct")
    for p in list_for_each_entry(sym("init_task")["tasks"], task_t, "tasks"):
        if int(p["pid"]) == pid:
            return p
    return None


def kernel_call(expr):
    """Evaluates a call into the kernel with interrupts off, so that no
    timer tick schedules another task in the middle of it."""
    eflags = int(gdb.parse_and_eval("$eflags"))
    gdb.execute("set $eflags = %d" % (eflags & ~0x200))
    try:
        return gdb.parse_and_eval(expr)
    finally:
        gdb.execute("set $eflags = %d" % eflags)
