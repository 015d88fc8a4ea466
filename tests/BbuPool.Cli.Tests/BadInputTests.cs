namespace BbuPool.Cli.Tests;

/// <summary>Bad input: a clear message naming where and why, exit 2, nothing written.</summary>
[Collection(CliCollection.Name)]
public class BadInputTests
{
    [Fact]
    public async Task Validate_BadScenario_ReportsFileLineColumn_Exit2()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bbupool-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "name: bad\nduration: 24h\nstep: -5\nbogus: 1\n");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("validate", file);
            Assert.Equal(2, exit);
            Assert.Contains($"{file}:3:7:", error);
            Assert.Contains($"{file}:4:1:", error);
            Assert.Contains("bogus", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Simulate_BadScenario_WritesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bbupool-bad-{Guid.NewGuid():N}.yaml");
        var outDir = Path.Combine(Path.GetTempPath(), $"bbupool-out-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, "name: [unclosed\n");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("simulate", file, "--out", outDir);
            Assert.Equal(2, exit);
            Assert.Contains(file + ":", error);
            Assert.False(Directory.Exists(outDir));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Simulate_UnknownScheduler_Exit2()
    {
        var (exit, _, error) = await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Scenarios, "tidal-day.yaml"), "--scheduler", "nope");
        Assert.Equal(2, exit);
        Assert.Contains("nope", error);
    }

    [Theory]
    [InlineData("rt=120", "1-98")]
    [InlineData("rt=fast", "rt=fast")]
    [InlineData("sizes=4,x", "sizes=4,x")]
    [InlineData("control=-1", "control=-1")]
    public async Task BenchMigration_BadSetValue_Exit2_BeforeAnyMigration(string set, string expected)
    {
        var (exit, output, error) = await CliRunner.RunAsync("bench", "migration", "--quick", "--set", set);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("cells", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ShippedScenario_IsOk()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", Path.Combine(RepoPaths.Scenarios, "tidal-day.yaml"));
        Assert.Equal(0, exit);
        Assert.Contains("ok", output);
    }

    [Fact]
    public async Task Simulate_MissingFile_Exit2()
    {
        var (exit, _, error) = await CliRunner.RunAsync("simulate", "/nonexistent/scenario.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/scenario.yaml", error);
    }
}
