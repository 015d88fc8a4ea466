namespace BbuPool.Cli.Tests;

/// <summary>Runs `bbupool` in-process and captures its stdout/stderr (tests using it share one non-parallel collection).</summary>
internal static class CliRunner
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        await Gate.WaitAsync();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            // Under a test runner stdout is a pipe, so the width would come from the machine's COLUMNS.
            using var columns = new EnvironmentVariableScope("COLUMNS", null);
            Console.SetOut(output);
            Console.SetError(error);
            var exit = await Program.Main(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Gate.Release();
        }
    }
}
