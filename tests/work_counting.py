"""Work counted, not timed: the lines of Python a call runs in the modules under a folder."""
import sys


def repeated(unit: str, size: int) -> str:
    """`unit` repeated to `size` characters, ending in a sentence so every stage reads it all."""
    return (unit * (size // len(unit) + 1))[:size] + " kam."


def lines_run(folder: str, call, *args):
    """(lines of Python run in files under `folder`, result of `call(*args)`)."""
    lines = 0

    def tracer(frame, event, arg):
        nonlocal lines
        if not frame.f_code.co_filename.startswith(folder):
            return None
        if event == "line":
            lines += 1
        return tracer

    sys.settrace(tracer)
    try:
        result = call(*args)
    finally:
        sys.settrace(None)
    return lines, result
