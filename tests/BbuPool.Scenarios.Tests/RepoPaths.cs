namespace BbuPool.Scenarios.Tests;

/// <summary>Finds the repository root (the folder holding BbuPool.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BbuPool.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("BbuPool.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Scenarios => Path.Combine(Root, "scenarios");
}
