namespace BbuPool.Cli.Tests;

public class CommandTreeTests
{
    [Fact]
    public void Root_HasTheDocumentedVerbs()
    {
        var names = Program.BuildRoot().Subcommands.Select(c => c.Name).ToHashSet();
        Assert.Contains("simulate", names);
        Assert.Contains("validate", names);
        Assert.Contains("bench", names);
    }
}
