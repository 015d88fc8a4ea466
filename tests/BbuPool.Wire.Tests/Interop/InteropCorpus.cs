using static BbuPool.Wire.Tests.Interop.MessagePackTree;

namespace BbuPool.Wire.Tests.Interop;

/// <summary>The C# half of the interop corpus; interop.py defines the same case names with its own expected values.</summary>
internal static class InteropCorpus
{
    public static Dictionary<string, object?> Cases()
    {
        var c = new Dictionary<string, object?>
        {
            ["nil"] = null,
            ["true"] = true,
            ["false"] = false,
            ["int_0"] = 0L,
            ["int_1"] = 1L,
            ["int_127"] = 127L,
            ["int_128"] = 128L,
            ["int_255"] = 255L,
            ["int_256"] = 256L,
            ["int_65535"] = 65535L,
            ["int_65536"] = 65536L,
            ["int_u32max"] = (long)uint.MaxValue,
            ["int_u32max_plus1"] = (long)uint.MaxValue + 1,
            ["int_i64max"] = long.MaxValue,
            ["int_u64max"] = ulong.MaxValue,
            ["int_m1"] = -1L,
            ["int_m32"] = -32L,
            ["int_m33"] = -33L,
            ["int_m128"] = -128L,
            ["int_m129"] = -129L,
            ["int_m32768"] = -32768L,
            ["int_m32769"] = -32769L,
            ["int_i32min"] = (long)int.MinValue,
            ["int_i32min_minus1"] = (long)int.MinValue - 1,
            ["int_i64min"] = long.MinValue,
            ["f32_1_5"] = 1.5f,
            ["f32_max"] = float.MaxValue,
            ["f32_tiny"] = float.Epsilon,
            ["f32_neg_inf"] = float.NegativeInfinity,
            ["f64_0_1"] = 0.1,
            ["f64_neg_max"] = -double.MaxValue,
            ["f64_denormal"] = double.Epsilon,
            ["f64_inf"] = double.PositiveInfinity,
            ["f64_nan"] = double.NaN,
            ["f64_neg_zero"] = -0.0,
            ["str_unicode"] = "gNB 日本語 😀 é",
            ["map_str_keys"] = new Map
            {
                { "cell", "c-1" },
                { "cores", new object?[] { 2L, 3L } },
                { "nested", new Map { { "a", null }, { "b", new object?[] { true, 1.25 } } } },
            },
            ["ext_type_127"] = new Ext(127, [1, 2]),
            ["ts32_zero"] = new MessagePackTimestamp(0, 0),
            ["ts32_max"] = new MessagePackTimestamp(uint.MaxValue, 0),
            ["ts64_small"] = new MessagePackTimestamp(1, 1),
            ["ts64_max"] = new MessagePackTimestamp((1L << 34) - 1, 999_999_999),
            ["ts96_negative"] = new MessagePackTimestamp(-1, 500),
            ["ts96_beyond34"] = new MessagePackTimestamp(1L << 34, 0),
            ["ts96_min"] = new MessagePackTimestamp(long.MinValue, 999_999_999),
            ["ts96_max"] = new MessagePackTimestamp(long.MaxValue, 999_999_999),
            ["mixed"] = new object?[]
            {
                null, true, -5L, 1L << 40, 3.5, "s", new byte[] { (byte)'b' },
                new object?[] { 1L, new object?[] { 2L, new Map() } },
                new Map { { "k", new Ext(1, [(byte)'z']) } },
                new MessagePackTimestamp(1_700_000_000, 123_456_789),
            },
            ["placement_record"] = new Map
            {
                { 0L, "cell-0042" },
                { 1L, "node-07" },
                { 2L, new object?[] { 2L, 3L, 5L, 7L } },
                { 3L, 12345L },
                { 4L, MessagePackTimestamp.FromDateTimeOffset(Contracts.ContractRoundTripTests.Placement.UpdatedAt!.Value) },
            },
            ["wide_u8_1"] = 1L,
            ["wide_u16_2"] = 2L,
            ["wide_u32_3"] = 3L,
            ["wide_u64_4"] = 4L,
            ["wide_i8_5"] = 5L,
            ["wide_i16_m6"] = -6L,
            ["wide_i32_7"] = 7L,
            ["wide_i64_m8"] = -8L,
            ["wide_str8_hi"] = "hi",
            ["wide_str16_hi"] = "hi",
            ["wide_str32_hi"] = "hi",
            ["wide_bin16_ab"] = "ab"u8.ToArray(),
            ["wide_bin32_ab"] = "ab"u8.ToArray(),
            ["wide_array16_2"] = new object?[] { 1L, 2L },
            ["wide_array32_2"] = new object?[] { 1L, 2L },
            ["wide_map16_1"] = new Map { { 1L, 2L } },
            ["wide_map32_1"] = new Map { { 1L, 2L } },
            ["wide_ext8_len1"] = new Ext(9, [(byte)'q']),
            ["wide_ext16_len1"] = new Ext(9, [(byte)'q']),
            ["wide_ext32_len1"] = new Ext(9, [(byte)'q']),
            ["wide_ts96_small"] = new MessagePackTimestamp(1, 0),
            ["wide_f64_1_5"] = 1.5,
        };

        foreach (int n in new[] { 0, 1, 31, 32, 255, 256, 65535, 65536 })
        {
            c[$"str_{n}"] = new string('x', n);
        }

        foreach (int n in new[] { 0, 1, 255, 256, 65535, 65536 })
        {
            c[$"bin_{n}"] = Enumerable.Range(0, n).Select(i => (byte)(i * 7)).ToArray();
        }

        foreach (int n in new[] { 0, 15, 16, 65535, 65536 })
        {
            c[$"array_{n}"] = Enumerable.Range(0, n).Select(i => (object?)(long)i).ToArray();
        }

        foreach (int n in new[] { 0, 15, 16, 65536 })
        {
            var map = new Map();
            for (int i = 0; i < n; i++)
            {
                map.Add((long)i, (long)-i);
            }

            c[$"map_{n}"] = map;
        }

        object? deep = Array.Empty<object?>();
        for (int i = 0; i < 40; i++)
        {
            deep = new[] { deep };
        }

        c["array_nested_40"] = deep;

        foreach (int n in new[] { 1, 2, 4, 8, 16, 0, 3, 255, 256, 65535, 65536 })
        {
            c[$"ext_{n}"] = new Ext(5, Enumerable.Range(0, n).Select(i => (byte)(i * 13)).ToArray());
        }

        return c;
    }
}
