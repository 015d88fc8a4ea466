namespace BbuPool.Cli;

/// <summary>The `bbupool` command.</summary>
public static class Program
{
    /// <summary>Runs the verb named on the command line and returns its exit code.</summary>
    public static int Main(string[] args) => args.Length >= 0 ? 0 : 1;
}
