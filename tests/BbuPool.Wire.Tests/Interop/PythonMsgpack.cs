using System.Diagnostics;
using System.Text.Json;

namespace BbuPool.Wire.Tests.Interop;

/// <summary>Runs interop.py under Debian's /usr/bin/python3 (the interpreter that has python3-msgpack).</summary>
internal static class PythonMsgpack
{
    private const string Python = "/usr/bin/python3";

    // A hang guard, not a timing assertion: the script takes about a second here.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public static JsonElement Run(string mode, string directory)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Interop", "interop.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {Python}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HangGuard))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"interop.py {mode} did not finish.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"interop.py {mode} exited {process.ExitCode} (is python3-msgpack installed? apt-get install python3-msgpack): {stderr.Result}");
        }

        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
