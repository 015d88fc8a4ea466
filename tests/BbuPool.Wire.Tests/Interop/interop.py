"""python3-msgpack side of the interop tests (BbuPool.Wire.Tests/Interop).

  check DIR   decode every DIR/<case>.mp written by BbuPool.Wire and compare with CASES below;
              also compare the bytes with msgpack.packb of the expected value (both must choose
              the smallest encoding). Prints a JSON report.
  write DIR   write every case as DIR/<case>.mp with msgpack.packb (or the hand-made non-minimal
              encodings in WIDE, which python first checks it decodes to the same value).

The expected values are defined here, independently of the C# table, on purpose.
"""
import calendar
import json
import math
import os
import struct
import sys

import msgpack
from msgpack import ExtType, Timestamp


def cases():
    c = {}
    c["nil"] = None
    c["true"] = True
    c["false"] = False
    ints = {
        "int_0": 0, "int_1": 1, "int_127": 127, "int_128": 128, "int_255": 255, "int_256": 256,
        "int_65535": 65535, "int_65536": 65536, "int_u32max": 2**32 - 1, "int_u32max_plus1": 2**32,
        "int_i64max": 2**63 - 1, "int_u64max": 2**64 - 1,
        "int_m1": -1, "int_m32": -32, "int_m33": -33, "int_m128": -128, "int_m129": -129,
        "int_m32768": -32768, "int_m32769": -32769, "int_i32min": -2**31, "int_i32min_minus1": -2**31 - 1,
        "int_i64min": -2**63,
    }
    c.update(ints)
    c["f32_1_5"] = 1.5
    c["f32_max"] = struct.unpack(">f", struct.pack(">f", 3.4028234663852886e38))[0]
    c["f32_tiny"] = struct.unpack(">f", struct.pack(">f", 1.401298464324817e-45))[0]
    c["f32_neg_inf"] = float("-inf")
    c["f64_0_1"] = 0.1
    c["f64_neg_max"] = -1.7976931348623157e308
    c["f64_denormal"] = 5e-324
    c["f64_inf"] = float("inf")
    c["f64_nan"] = float("nan")
    c["f64_neg_zero"] = -0.0
    for n in (0, 1, 31, 32, 255, 256, 65535, 65536):
        c["str_%d" % n] = "x" * n
    c["str_unicode"] = "gNB \u65e5\u672c\u8a9e \U0001F600 \u00e9"
    for n in (0, 1, 255, 256, 65535, 65536):
        c["bin_%d" % n] = bytes((i * 7) & 0xFF for i in range(n))
    for n in (0, 15, 16, 65535, 65536):
        c["array_%d" % n] = list(range(n))
    for n in (0, 15, 16, 65536):
        c["map_%d" % n] = {i: -i for i in range(n)}
    c["map_str_keys"] = {"cell": "c-1", "cores": [2, 3], "nested": {"a": None, "b": [True, 1.25]}}
    deep = []
    for _ in range(40):
        deep = [deep]
    c["array_nested_40"] = deep
    for n in (1, 2, 4, 8, 16, 0, 3, 255, 256, 65535, 65536):
        c["ext_%d" % n] = ExtType(5, bytes((i * 13) & 0xFF for i in range(n)))
    c["ext_type_127"] = ExtType(127, b"\x01\x02")
    c["ts32_zero"] = Timestamp(0, 0)
    c["ts32_max"] = Timestamp(2**32 - 1, 0)
    c["ts64_small"] = Timestamp(1, 1)
    c["ts64_max"] = Timestamp(2**34 - 1, 999999999)
    c["ts96_negative"] = Timestamp(-1, 500)
    c["ts96_beyond34"] = Timestamp(2**34, 0)
    c["ts96_min"] = Timestamp(-2**63, 999999999)
    c["ts96_max"] = Timestamp(2**63 - 1, 999999999)
    c["mixed"] = [None, True, -5, 2**40, 3.5, "s", b"b", [1, [2, {}]], {"k": ExtType(1, b"z")}, Timestamp(1700000000, 123456789)]
    # PlacementRecord as BbuPool.Wire writes it: a map keyed by field ids (docs/wire-format.md).
    c["placement_record"] = {0: "cell-0042", 1: "node-07", 2: [2, 3, 5, 7], 3: 12345,
                             4: Timestamp(calendar.timegm((2026, 11, 22, 3, 0, 0)), 123456700)}
    # Non-minimal encodings (WIDE) must decode to these values.
    c["wide_u8_1"] = 1
    c["wide_u16_2"] = 2
    c["wide_u32_3"] = 3
    c["wide_u64_4"] = 4
    c["wide_i8_5"] = 5
    c["wide_i16_m6"] = -6
    c["wide_i32_7"] = 7
    c["wide_i64_m8"] = -8
    c["wide_str8_hi"] = "hi"
    c["wide_str16_hi"] = "hi"
    c["wide_str32_hi"] = "hi"
    c["wide_bin16_ab"] = b"ab"
    c["wide_bin32_ab"] = b"ab"
    c["wide_array16_2"] = [1, 2]
    c["wide_array32_2"] = [1, 2]
    c["wide_map16_1"] = {1: 2}
    c["wide_map32_1"] = {1: 2}
    c["wide_ext8_len1"] = ExtType(9, b"q")
    c["wide_ext16_len1"] = ExtType(9, b"q")
    c["wide_ext32_len1"] = ExtType(9, b"q")
    c["wide_ts96_small"] = Timestamp(1, 0)
    c["wide_f64_1_5"] = 1.5
    return c


WIDE = {
    "wide_u8_1": b"\xcc\x01",
    "wide_u16_2": b"\xcd\x00\x02",
    "wide_u32_3": b"\xce\x00\x00\x00\x03",
    "wide_u64_4": b"\xcf" + struct.pack(">Q", 4),
    "wide_i8_5": b"\xd0\x05",
    "wide_i16_m6": b"\xd1" + struct.pack(">h", -6),
    "wide_i32_7": b"\xd2" + struct.pack(">i", 7),
    "wide_i64_m8": b"\xd3" + struct.pack(">q", -8),
    "wide_str8_hi": b"\xd9\x02hi",
    "wide_str16_hi": b"\xda\x00\x02hi",
    "wide_str32_hi": b"\xdb\x00\x00\x00\x02hi",
    "wide_bin16_ab": b"\xc5\x00\x02ab",
    "wide_bin32_ab": b"\xc6\x00\x00\x00\x02ab",
    "wide_array16_2": b"\xdc\x00\x02\x01\x02",
    "wide_array32_2": b"\xdd\x00\x00\x00\x02\x01\x02",
    "wide_map16_1": b"\xde\x00\x01\x01\x02",
    "wide_map32_1": b"\xdf\x00\x00\x00\x01\x01\x02",
    "wide_ext8_len1": b"\xc7\x01\x09q",
    "wide_ext16_len1": b"\xc8\x00\x01\x09q",
    "wide_ext32_len1": b"\xc9\x00\x00\x00\x01\x09q",
    "wide_ts96_small": b"\xc7\x0c\xff" + struct.pack(">Iq", 0, 1),
    "wide_f64_1_5": b"\xcb" + struct.pack(">d", 1.5),
}

# Cases whose bytes differ from packb on purpose: NaN payloads differ between runtimes
# (.NET's double.NaN has the sign bit set); the WIDE values are not minimal by construction.
NO_BYTE_COMPARE = {"f64_nan"} | set(WIDE)


def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
    return a == b


def unpack(data):
    return msgpack.unpackb(data, raw=False, strict_map_key=False, timestamp=0)


def pack(name, value):
    return msgpack.packb(value, use_bin_type=True, use_single_float=name.startswith("f32_"))


def check(directory):
    expected = cases()
    failures = []
    checked = 0
    for name, value in expected.items():
        path = os.path.join(directory, name + ".mp")
        if not os.path.exists(path):
            failures.append("%s: not written" % name)
            continue
        with open(path, "rb") as f:
            data = f.read()
        checked += 1
        try:
            got = unpack(data)
        except Exception as e:  # noqa: BLE001 - any decode error is a failure to report
            failures.append("%s: python cannot decode: %r" % (name, e))
            continue
        if not same(got, value):
            failures.append("%s: decoded %r, expected %r" % (name, repr(got)[:200], repr(value)[:200]))
        elif name not in NO_BYTE_COMPARE and pack(name, value) != data:
            failures.append("%s: bytes %s differ from packb %s" % (name, data[:40].hex(), pack(name, value)[:40].hex()))
    extra = sorted(set(f[:-3] for f in os.listdir(directory) if f.endswith(".mp")) - set(expected))
    for name in extra:
        failures.append("%s: written but not in the python corpus" % name)
    print(json.dumps({"checked": checked, "failures": failures, "msgpack": msgpack.version}))


def write(directory):
    written = 0
    for name, value in cases().items():
        data = WIDE.get(name) or pack(name, value)
        if not same(unpack(data), value):
            raise SystemExit("corpus error: %s does not decode to its own value" % name)
        with open(os.path.join(directory, name + ".mp"), "wb") as f:
            f.write(data)
        written += 1
    print(json.dumps({"written": written, "msgpack": msgpack.version}))


if __name__ == "__main__":
    {"check": check, "write": write}[sys.argv[1]](sys.argv[2])
