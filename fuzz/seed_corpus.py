#!/usr/bin/env python3
"""Seed fuzz/corpus/{capture_reader,capture_blocks}/ with small slices of real captures.

    python3 fuzz/seed_corpus.py [CAPTURES_DIR]

CAPTURES_DIR defaults to $FALCO_CAPTURES, else ../shared/captures beside the project.
Each seed is a section header followed by a few whole blocks of one capture (metadata
blocks of at most 8 KiB, then runs of event blocks), so every seed is a valid capture of at
most a few KiB. capture_blocks gets the same slices without the section header, each block
as a `u32 type, u16 body length, body` record (the target frames them). The corpus is not
committed.
"""
import gzip, hashlib, os, random, struct, sys

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
    "FALCO_CAPTURES", os.path.join(here, "..", "..", "shared", "captures"))
out = os.path.join(here, "corpus", "capture_reader")
out_blocks = os.path.join(here, "corpus", "capture_blocks")
os.makedirs(out, exist_ok=True)
os.makedirs(out_blocks, exist_ok=True)
EVENT_BLOCKS = {0x204, 0x8010ABCD, 0x208, 0x216, 0x217, 0x221, 0x222}
rng = random.Random(1)
n = 0


def records(data):
    """The blocks of `data` after the section header, as records for capture_blocks."""
    recs, off = b"", 0
    while off + 8 <= len(data):
        ty, ln = struct.unpack_from("<II", data, off)
        if off > 0 and ln - 12 < 65536:
            recs += struct.pack("<IH", ty, ln - 12) + data[off + 8:off + ln - 4]
        off += ln
    return recs


def save(data):
    global n
    for d, o in ((data, out), (records(data), out_blocks)):
        name = hashlib.sha1(d).hexdigest()
        with open(os.path.join(o, name), "wb") as f:
            f.write(d)
    n += 1


for fname in sorted(os.listdir(src)):
    if ".scap" not in fname:
        continue
    with open(os.path.join(src, fname), "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    blocks, off = [], 0
    while off + 8 <= len(raw):
        ty, ln = struct.unpack_from("<II", raw, off)
        if ln < 12 or off + ln > len(raw):
            break
        blocks.append((ty, raw[off:off + ln]))
        off += ln
    shb = blocks[0][1]
    meta = [b for t, b in blocks[1:] if t not in EVENT_BLOCKS and len(b) <= 8192]
    evs = [b for t, b in blocks if t in EVENT_BLOCKS and len(b) <= 2048]
    save(shb + b"".join(meta[:6]) + b"".join(evs[:5]))
    for m in meta[:20]:
        save(shb + m + b"".join(evs[:1]))
    for _ in range(40):
        i = rng.randrange(max(1, len(evs) - 8))
        save(shb + b"".join(evs[i:i + rng.randrange(1, 9)]))
print(f"{n} seeds in {out} and {out_blocks}")
