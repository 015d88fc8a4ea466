using BbuPool.Core.Pool;

namespace BbuPool.Core.Tests.Pool;

public class CoreSetTests
{
    [Fact]
    public void ReservedCores_AreNeverGiven()
    {
        var set = new CoreSet(8, 2, 2);
        Assert.Equal(6, set.FreeCount);
        var taken = set.TryTake(6);
        Assert.Null(taken); // 6 cores do not fit one NUMA domain of 4 (2 of which are the OS's)
        var a = set.TryTake(4)!;
        Assert.All(a, c => Assert.InRange(c, 4, 7));
        var b = set.TryTake(2)!;
        Assert.All(b, c => Assert.InRange(c, 2, 3));
        Assert.Equal(0, set.FreeCount);
    }

    [Fact]
    public void Take_IsBestFitAndOneNuma()
    {
        var set = new CoreSet(16, 2, 0);
        var first = set.TryTake(5)!; // domain 0 now has 3 free, domain 1 has 8
        var second = set.TryTake(3)!; // best fit: domain 0's 3
        Assert.All(second, c => Assert.Equal(set.NumaOf(first[0]), set.NumaOf(c)));
        Assert.Equal(8, set.LargestFreeNuma());
    }

    [Fact]
    public void Release_RestoresAndRejectsDoubleRelease()
    {
        var set = new CoreSet(8, 1, 1);
        var taken = set.TryTake(3)!;
        set.Release(taken);
        Assert.Equal(7, set.FreeCount);
        Assert.Equal(7, set.CountFreeBits());
        Assert.Throws<InvalidOperationException>(() => set.Release(taken));
    }

    [Fact]
    public void DomainsAcrossWordBoundaries_CountAndTakeExactly()
    {
        // 96 cores in 2 domains of 48: domain 1 spans bits 48..63 of word 0 and 0..31 of word 1.
        var set = new CoreSet(96, 2, 4);
        Assert.Equal(44, set.FreeInNuma(0));
        Assert.Equal(48, set.FreeInNuma(1));
        Span<int> into = stackalloc int[20];
        Assert.True(set.TryTakeIn(1, 20, into));
        Assert.All(into.ToArray(), c => Assert.InRange(c, 48, 67));
        Assert.Equal(28, set.FreeInNuma(1));
        Assert.True(set.TryTakeIn(1, 28, new int[28]));
        Assert.Equal(0, set.FreeInNuma(1));
        Assert.False(set.TryTakeIn(1, 1, into));
        Assert.Equal(44, set.LargestFreeNuma());
        Assert.Equal(set.FreeCount, set.CountFreeBits());
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(8, 3, 0)]
    [InlineData(8, 2, 8)]
    public void InvalidLayouts_Throw(int cores, int numa, int reserved) =>
        Assert.Throws<ArgumentException>(() => new CoreSet(cores, numa, reserved));
}
