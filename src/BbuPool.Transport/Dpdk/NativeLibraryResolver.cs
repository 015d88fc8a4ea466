using System.Reflection;
using System.Runtime.InteropServices;

namespace BbuPool.Transport.Dpdk;

/// <summary>
/// Finds libbbupool_native.so for the [LibraryImport]s of this assembly: $BBUPOOL_NATIVE_LIB first,
/// then native/build/lib/ in AppContext.BaseDirectory or any parent (a source checkout, where
/// scripts/build-native.sh stages it), then the default probing (app folder, LD_LIBRARY_PATH). When the variable is set, only its file is tried.
/// </summary>
internal static class NativeLibraryResolver
{
    /// <summary>The name the imports use.</summary>
    public const string LibraryName = "bbupool_native";

    /// <summary>The environment variable that names the library file explicitly.</summary>
    public const string EnvironmentVariable = "BBUPOOL_NATIVE_LIB";

    private const string FileName = "libbbupool_native.so";
    private static int _registered;

    /// <summary>Installs the resolver once per process (SetDllImportResolver throws on a second call).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        }
    }

    /// <summary>The files tried, in order, for error messages.</summary>
    public static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitPath)
        {
            // An explicit path is the only one tried: a deployment (or a test) that names the file
            // must not silently get another build of it.
            yield return explicitPath;
            yield break;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, "native", "build", "lib", FileName);
        }

        yield return Path.Combine(AppContext.BaseDirectory, FileName);
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        // Named explicitly but not loadable: fail rather than let default probing find another copy.
        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 }
            ? throw new DllNotFoundException($"{EnvironmentVariable}={Environment.GetEnvironmentVariable(EnvironmentVariable)} does not name a loadable library.")
            : IntPtr.Zero;
    }
}
