namespace BbuPool.Transport.IntegrationTests.Infrastructure;

/// <summary>A tmpfs of a few pages mounted on a fresh temporary directory (root), unmounted and removed on dispose.</summary>
public sealed class TinyTmpfs : IDisposable
{
    private TinyTmpfs(string directory) => Directory = directory;

    /// <summary>The mount point.</summary>
    public string Directory { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kibibytes"/> KiB; null with <paramref name="reason"/> where this process may not mount.</summary>
    public static TinyTmpfs? TryMount(int kibibytes, out string reason)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bbupool-tmpfs-").FullName;
        var (code, output) = Shell.Run("mount", $"-t tmpfs -o size={kibibytes}k bbupool-test {directory}");
        if (code != 0)
        {
            System.IO.Directory.Delete(directory);
            reason = $"cannot mount a tmpfs here (mount: {output.Trim()}); needs root";
            return null;
        }

        reason = string.Empty;
        return new TinyTmpfs(directory);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Shell.Run("umount", Directory);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
