namespace BbuPool.Cli.Tests;

/// <summary>CLI tests swap Console.Out/Error: they must not run in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "cli";
}
