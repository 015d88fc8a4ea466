using BbuPool.Core.Model;
using BbuPool.Core.Radio;

namespace BbuPool.Core.Tests.Radio;

public class RadioTablesTests
{
    [Theory]
    [InlineData(Rat.Lte, 20, 0, 100)]
    [InlineData(Rat.Lte, 1.4, 0, 6)]
    [InlineData(Rat.Lte, 7, 0, 0)]
    [InlineData(Rat.Nr, 100, 1, 273)]
    [InlineData(Rat.Nr, 40, 1, 106)]
    [InlineData(Rat.Nr, 100, 0, 0)]
    [InlineData(Rat.Gsm, 1.0, 0, 5)]
    [InlineData(Rat.Umts, 10, 0, 2)]
    [InlineData(Rat.Umts, 7, 0, 0)]
    public void ResourceUnits_Follow3gppTables(Rat rat, double mhz, int mu, int expected) =>
        Assert.Equal(expected, RadioTables.ResourceUnits(rat, mhz, mu));

    [Fact]
    public void TtiLengths()
    {
        Assert.Equal(1e-3, RadioTables.TtiSeconds(Rat.Lte, 0));
        Assert.Equal(0.125e-3, RadioTables.TtiSeconds(Rat.Nr, 3));
        Assert.Equal(4.615e-3, RadioTables.TtiSeconds(Rat.Gsm, 0));
        Assert.False(RadioTables.IsValidNumerology(Rat.Lte, 1));
        Assert.True(RadioTables.IsValidNumerology(Rat.Nr, 3));
        Assert.False(RadioTables.IsValidNumerology(Rat.Nr, 4));
    }

    [Theory]
    [InlineData("x86_64", CpuArch.X64)]
    [InlineData("aarch64", CpuArch.Arm64)]
    [InlineData("ARM64", CpuArch.Arm64)]
    public void ArchNames_Parse(string text, CpuArch expected)
    {
        Assert.True(CpuArchNames.TryParse(text, out var arch));
        Assert.Equal(expected, arch);
        Assert.False(CpuArchNames.TryParse("sparc", out _));
    }
}
