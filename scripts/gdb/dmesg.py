"""lx-dmesg: the kernel log (printk's log_buf ring), oldest line first."""
import gdb


class LxDmesg(gdb.Command):
    """Print the kernel log buffer (printk's log_buf ring)."""

    def __init__(self):
        super().__init__("lx-dmesg", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("usage: lx-dmesg")
        buf = gdb.parse_and_eval("log_buf")
        size = int(buf.type.sizeof)
        nxt = int(gdb.parse_and_eval("log_next"))
        start = max(0, nxt - size)
        inferior = gdb.selected_inferior()
        base = int(buf.address)
        data = bytearray()
        # The ring holds bytes [start, nxt) at index pos % size.
        pos = start
        while pos < nxt:
            idx = pos % size
            chunk = min(nxt - pos, size - idx)
            data += inferior.read_memory(base + idx, chunk).tobytes()
            pos += chunk
        gdb.write(data.decode("utf-8", "replace"))


LxDmesg()
