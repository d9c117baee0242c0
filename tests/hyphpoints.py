"""hyphpoints.py - libhyphen's hyphenation points, read with ctypes, for
the tests (hyphcheck.py, shycheck.py): a second way to the points the
program takes from the same patterns, not through its code."""
import ctypes
import re

lib = ctypes.CDLL("libhyphen.so.0")
lib.hnj_hyphen_load.restype = ctypes.c_void_p
lib.hnj_hyphen_load.argtypes = [ctypes.c_char_p]
lib.hnj_hyphen_hyphenate2.argtypes = [
    ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
    ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
DICTS = {"de": ("/usr/share/hyphen/hyph_de_DE.dic", "latin-1"),
         "en": ("/usr/share/hyphen/hyph_en_US.dic", "utf-8")}
loaded = {}


def points(word, lang):
    """Character offsets after which libhyphen allows a hyphen."""
    if lang not in loaded:
        path, enc = DICTS[lang]
        loaded[lang] = (lib.hnj_hyphen_load(path.encode()), enc)
    d, enc = loaded[lang]
    out = set()
    for m in re.finditer(r"[^\W\d_]+", word):
        run = m.group(0)
        try:
            b = run.lower().encode(enc)
        except UnicodeEncodeError:
            continue
        hy = ctypes.create_string_buffer(len(b) + 5)
        rep, pos_, cut = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        lib.hnj_hyphen_hyphenate2(d, b, len(b), hy, None, ctypes.byref(rep),
                                  ctypes.byref(pos_), ctypes.byref(cut))
        # map bytes back to characters
        ends, pos = [], 0
        for ch in run.lower():
            pos += len(ch.encode(enc))
            ends.append(pos - 1)
        for k, e in enumerate(ends):
            if hy.raw[e] & 1:
                out.add(m.start() + k + 1)
    return out
