namespace BbuPool.Cli.Bench;

/// <summary>Finds the <see cref="IBenchmark"/> implementations of this assembly.</summary>
internal static class BenchmarkCatalog
{
    /// <summary>One instance of every benchmark, ordered by name.</summary>
    public static IReadOnlyList<IBenchmark> Create() =>
        typeof(BenchmarkCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
            .Select(t => (IBenchmark)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
}
