namespace BbuPool.Cli.Tests;

/// <summary>Finds files of the checkout from the test binary's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BbuPool.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BbuPool.sln not found above " + AppContext.BaseDirectory);
    }
}
