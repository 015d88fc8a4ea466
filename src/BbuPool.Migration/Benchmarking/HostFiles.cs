namespace BbuPool.Migration.Benchmarking;

/// <summary>The /proc and /sys files a benchmark report reads about its machine: absent or closed ones are "not known", never an error.</summary>
internal static class HostFiles
{
    /// <summary>The file's text without surrounding whitespace; null when it is missing or not readable.</summary>
    public static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
