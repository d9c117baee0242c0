#!/usr/bin/python3
"""pages.py PDF OUT - the page content streams of PDF, decoded, for
bench/floor.c: per page its length (4 bytes, little endian), then its
bytes (a page with several content streams gives them joined, as a
reader sees them)."""
import struct
import sys

import pikepdf


def main():
    with pikepdf.open(sys.argv[1]) as pdf, open(sys.argv[2], "wb") as out:
        for page in pdf.pages:
            contents = page.obj.get("/Contents")
            if contents is None:
                data = b""
            elif isinstance(contents, pikepdf.Array):
                data = b"\n".join(c.read_bytes() for c in contents)
            else:
                data = contents.read_bytes()
            out.write(struct.pack("<I", len(data)))
            out.write(data)


if __name__ == "__main__":
    main()
