namespace BbuPool.Cli.Tests;

/// <summary>Configuration from BBUPOOL_ variables: a bad value is bad input (exit 2, named, nothing written), not a crash.</summary>
[Collection(CliCollection.Name)]
public class ConfigurationTests
{
    [Theory]
    [InlineData("BBUPOOL_StatePlane__OperationTimeout", "00:00:00", "OperationTimeout")]
    [InlineData("BBUPOOL_StatePlane__ConnectTimeout", "soon", "StatePlane:ConnectTimeout")]
    [InlineData("BBUPOOL_Simulation__MigrationLinkGbps", "abc", "Simulation:MigrationLinkGbps")]
    [InlineData("BBUPOOL_Simulation__MigrationLinkGbps", "5000", "MigrationLinkGbps")]
    public async Task InvalidValue_IsBadInput_NamingIt(string variable, string value, string named)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bbupool-config-" + Guid.NewGuid().ToString("N"));
        using var scope = new EnvironmentVariableScope(variable, value);
        var (exit, _, error) = await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Scenarios, "tidal-day.yaml"), "--out", dir);
        Assert.Equal(2, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir), "nothing written");
    }
}
