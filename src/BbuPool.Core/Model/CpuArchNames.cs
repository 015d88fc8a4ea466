namespace BbuPool.Core.Model;

/// <summary>The spellings of <see cref="CpuArch"/> in files and reports.</summary>
public static class CpuArchNames
{
    /// <summary>`uname -m` name of an architecture.</summary>
    public static string ToName(this CpuArch arch) => arch == CpuArch.X64 ? "x86_64" : "aarch64";

    /// <summary>Parses x86_64 / aarch64 (also amd64, x64, arm64).</summary>
    public static bool TryParse(string? text, out CpuArch arch)
    {
        switch (text?.ToLowerInvariant())
        {
            case "x86_64" or "amd64" or "x64":
                arch = CpuArch.X64;
                return true;
            case "aarch64" or "arm64":
                arch = CpuArch.Arm64;
                return true;
            default:
                arch = default;
                return false;
        }
    }
}
