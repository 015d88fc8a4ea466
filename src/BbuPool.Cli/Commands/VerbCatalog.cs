
namespace BbuPool.Cli.Commands;

/// <summary>Finds the verbs of this assembly (so adding a verb touches no shared file).</summary>
internal static class VerbCatalog
{
    /// <summary>One instance of every concrete <see cref="ICliVerb"/>, ordered by type name for a stable help text.</summary>
    public static IReadOnlyList<ICliVerb> Create() =>
        typeof(VerbCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliVerb).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ICliVerb)Activator.CreateInstance(t, nonPublic: true)!)
            .ToList();
}
