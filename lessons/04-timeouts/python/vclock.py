"""Run asyncio on a virtual clock, as Go's testing/synctest runs goroutines.

loop.time() is a counter that starts at 0 and jumps to the next timer
whenever nothing else can run, so every sleep and timeout takes exactly its
time, and no real time: the output is the same on a busy machine. For
programs that only sleep (no sockets). vclock.run(main()) is
asyncio.run(main()) on that clock.
"""
import asyncio
import selectors


class _Selector(selectors.DefaultSelector):
    def __init__(self, loop):
        super().__init__()
        self._loop = loop

    def select(self, timeout=None):
        events = super().select(0)  # never wait for real
        if not events and timeout:
            self._loop.now += timeout  # jump to the next timer
        return events


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self.now = 0.0
        super().__init__(selector=_Selector(self))

    def time(self):
        return self.now


def run(main):
    """asyncio.run(main) on a virtual clock (asyncio.Runner: Python 3.11+)."""
    with asyncio.Runner(loop_factory=VirtualClockLoop) as runner:
        return runner.run(main)


def now():
    """Seconds on the virtual clock since the loop started."""
    return asyncio.get_running_loop().time()
