using System.Text;

namespace BbuPool.Migration.Tests.Benchmarking;

/// <summary>A made-up "/" in a temporary folder, for code that reads /proc and /sys under a root it is given.</summary>
internal sealed class FakeRoot : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bbupool-root-").FullName;

    /// <summary>Writes <paramref name="text"/> (ASCII) at <paramref name="path"/> under the root, making its folders.</summary>
    public void Write(string path, string text) => Write(path, Encoding.ASCII.GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="path"/> under the root, making its folders.</summary>
    public void Write(string path, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
