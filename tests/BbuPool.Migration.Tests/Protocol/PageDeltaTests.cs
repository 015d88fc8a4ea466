using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Tests.Protocol;

public sealed class PageDeltaTests
{
    private const int Page = 4096;

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Encode_ThenApply_RestoresThePage_AndMatchesTheByteScan(int seed)
    {
        var random = new Random(seed);
        byte[] output = new byte[Page];
        byte[] expected = new byte[Page];
        for (int trial = 0; trial < 200; trial++)
        {
            var previous = new byte[Page];
            random.NextBytes(previous);
            var current = (byte[])previous.Clone();
            Mutate(random, current, trial);
            int limit = random.Next(4) == 0 ? random.Next(16, Page) : Page * 3 / 4;

            int length = PageDelta.Encode(previous, current, output, limit);
            int reference = ReferenceEncode(previous, current, expected, limit);
            Assert.Equal(reference, length);
            if (length < 0)
            {
                continue;
            }

            Assert.True(output.AsSpan(0, length).SequenceEqual(expected.AsSpan(0, length)));
            var page = (byte[])previous.Clone();
            PageDelta.Apply(output.AsSpan(0, length), page);
            Assert.Equal(current, page);
        }
    }

    [Fact]
    public void RewrittenPage_GivesUp_SoItGoesRaw()
    {
        var previous = new byte[Page];
        var current = new byte[Page];
        new Random(9).NextBytes(current);
        Assert.Equal(-1, PageDelta.Encode(previous, current, new byte[Page], Page * 3 / 4));
    }

    private static void Mutate(Random random, byte[] page, int trial)
    {
        switch (trial % 4)
        {
            case 0: // a few scattered bytes
                for (int i = random.Next(1, 20); i > 0; i--)
                {
                    page[random.Next(Page)] ^= (byte)random.Next(1, 256);
                }

                break;
            case 1: // a few runs, some at the page's edges
                for (int i = random.Next(1, 6); i > 0; i--)
                {
                    int at = random.Next(4) == 0 ? (random.Next(2) == 0 ? 0 : Page - 40) : random.Next(Page - 40);
                    for (int k = 0; k < random.Next(1, 40); k++)
                    {
                        page[at + k] ^= (byte)random.Next(1, 256);
                    }
                }

                break;
            case 2: // most of the page
                random.NextBytes(page.AsSpan(random.Next(100)));
                break;
            default: // alternating single-byte changes (runs of length 1 between changes)
                for (int i = random.Next(Page); i < Page; i += random.Next(2, 4))
                {
                    page[i] ^= 0xFF;
                }

                break;
        }
    }

    /// <summary>The byte-at-a-time encoder the vectorised one replaced: same format, same choices.</summary>
    private static int ReferenceEncode(byte[] previous, byte[] current, byte[] output, int limit)
    {
        int n = current.Length, i = 0, o = 0;
        limit = Math.Min(limit, output.Length);
        while (i < n)
        {
            int same = previous.AsSpan(i).CommonPrefixLength(current.AsSpan(i));
            if (i + same >= n)
            {
                break;
            }

            int start = i + same, end = start;
            while (end < n && (previous[end] != current[end] || (end + 1 < n && previous[end + 1] != current[end + 1])))
            {
                end++;
            }

            int changed = end - start;
            int need = Leb(same) + Leb(changed) + changed;
            if (o + need > limit)
            {
                return -1;
            }

            o += WriteLeb(output, o, same);
            o += WriteLeb(output, o, changed);
            current.AsSpan(start, changed).CopyTo(output.AsSpan(o));
            o += changed;
            i = end;
        }

        return o;
    }

    private static int Leb(int v) => v < 0x80 ? 1 : v < 0x4000 ? 2 : 3;

    private static int WriteLeb(byte[] output, int at, int v)
    {
        int n = 0;
        do
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            output[at + n++] = v != 0 ? (byte)(b | 0x80) : b;
        }
        while (v != 0);
        return n;
    }
}
