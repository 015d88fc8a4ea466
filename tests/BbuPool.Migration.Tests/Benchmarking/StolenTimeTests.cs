using BbuPool.Migration.Benchmarking;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class StolenTimeTests : IDisposable
{
    private readonly FakeRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void ReadMs_TakesTheAllCpusLinesStealColumn_InHundredthsOfASecond()
    {
        // Shaped as this project's VM wrote it: all CPUs first, then each CPU.
        Write("cpu  277675 0 44544 2796211 1307 0 835 16284 0 0\ncpu0 139000 0 22000 1398000 650 0 400 8225 0 0\ncpu1 138675 0 22544 1398211 657 0 435 8059 0 0\nintr 1 2 3\n");
        Assert.Equal(162_840, StolenTime.ReadMs(_root.Path));
    }

    [Theory]
    [InlineData("cpu  1 2 3 4\n")]
    [InlineData("intr 1 2 3\n")]
    public void ReadMs_IsNaN_WithoutAStealColumn(string stat)
    {
        Write(stat);
        Assert.True(double.IsNaN(StolenTime.ReadMs(_root.Path)));
    }

    [Fact]
    public void ReadMs_IsNaN_WithoutProcStat() => Assert.True(double.IsNaN(StolenTime.ReadMs(_root.Path)));

    private void Write(string text) => _root.Write("proc/stat", text);
}
