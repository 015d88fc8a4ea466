namespace BbuPool.Migration.Tests;

/// <summary>Tests that run TTI threads and transports: one at a time on this 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial-threads";
}
