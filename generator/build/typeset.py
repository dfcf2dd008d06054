"""Typst in a process of its own: `python -m generator.build.typeset EPOCH` reads a
document's Typst source on its standard input and writes its PDF, packed, on its standard
output (or Typst's message on its standard error, with status 1).

Typst keeps what it memoised for as long as its process lives (each edition of 1,000
practices left 1 GB behind), so that each edition is laid out in a process that ends
with it.
"""

from __future__ import annotations

import io
import sys

import pikepdf
import typst


def compacted(pdf: bytes) -> bytes:
    """The PDF rewritten by qpdf with its objects packed into compressed object streams.
    Typst writes each dictionary of the tagged structure (thousands of them)
    uncompressed: packed, a handbook is a half to a third of its size. The same PDF gives
    the same bytes (no identifier from the time of writing)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        out = io.BytesIO()
        document.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                      compress_streams=True, deterministic_id=True)
    return out.getvalue()


def main() -> int:
    epoch = int(sys.argv[1])
    try:
        pdf = typst.compile(sys.stdin.buffer.read(), timestamp=epoch)
    except typst.TypstError as error:
        sys.stderr.write(str(error))
        return 1
    sys.stdout.buffer.write(compacted(pdf))
    return 0


if __name__ == "__main__":
    sys.exit(main())
