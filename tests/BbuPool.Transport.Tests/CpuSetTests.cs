using BbuPool.Transport.Threading;

namespace BbuPool.Transport.Tests;

public sealed class CpuSetTests
{
    [Fact]
    public void Of_HoldsThatCpuOnly_AboveTheFirst64()
    {
        var set = CpuSet.Of(100);
        Assert.True(set.Contains(100));
        Assert.False(set.Contains(99));
        Assert.False(set.Contains(36));
        Assert.Equal(1, set.Count);
        Assert.Equal(100, set.Lowest);
        Assert.Equal(0UL, set.LowMask);
        Assert.Equal("{100}", set.ToString());
    }

    [Fact]
    public void FromMask_IsTheFirst64Cpus()
    {
        var set = CpuSet.FromMask(0b1010);
        Assert.Equal(2, set.Count);
        Assert.Equal(1, set.Lowest);
        Assert.Equal(0b1010UL, set.LowMask);
        Assert.Equal("{1,3}", set.ToString());
        Assert.Equal(-1, default(CpuSet).Lowest);
    }

    [Fact]
    public void Add_OutsideTheCapacity_IsRefused_AndContainsSaysNo()
    {
        var set = default(CpuSet);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(CpuSet.Capacity));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(-1));
        Assert.False(set.Contains(CpuSet.Capacity));
        Assert.False(set.Contains(-1));
        set.Add(CpuSet.Capacity - 1);
        Assert.Equal(CpuSet.Capacity - 1, set.Lowest);
    }

    [Fact]
    public void Equality_IsBySameCpus()
    {
        var a = CpuSet.Of(5);
        a.Add(700);
        var b = CpuSet.Of(700);
        b.Add(5);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, CpuSet.Of(5));
    }
}
