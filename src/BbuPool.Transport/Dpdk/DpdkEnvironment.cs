using System.Globalization;

namespace BbuPool.Transport.Dpdk;

/// <summary>
/// The process-wide DPDK state: whether the native library loads, whether it was built with DPDK,
/// and EAL start-up, which DPDK allows once per process (the first options win; later calls reuse it).
/// </summary>
public static class DpdkEnvironment
{
    private static readonly Lock Gate = new();
    private static string? _failure;
    private static bool _initialized;

    /// <summary>True once EAL is up in this process.</summary>
    public static bool IsInitialized
    {
        get
        {
            lock (Gate)
            {
                return _initialized;
            }
        }
    }

    /// <summary>
    /// Checks that libbbupool_native loads, has our ABI, and was built with DPDK; otherwise returns
    /// false with a message that says what is missing and how to get it.
    /// </summary>
    public static bool TryCheckLibrary(out string reason)
    {
        try
        {
            var abi = DpdkNative.AbiVersionOfLibrary();
            if (abi != DpdkNative.AbiVersion)
            {
                reason = $"libbbupool_native has ABI {abi}, this build needs {DpdkNative.AbiVersion}: rebuild it with scripts/build-native.sh.";
                return false;
            }

            if (DpdkNative.Backend() != 1)
            {
                reason = "libbbupool_native was built without DPDK (loopback backend): install libdpdk-dev and pkg-config, then rerun scripts/build-native.sh.";
                return false;
            }

            reason = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            // The loader's message lists every probed path on several lines: keep its first line.
            var first = ex.Message.Split('\n')[0];
            reason = $"libbbupool_native.so not found or not loadable ({first.TrimEnd(':', ' ')}); looked in: {string.Join(", ", NativeLibraryResolver.Candidates().Take(3))}, ... Build it with scripts/build-native.sh or set {NativeLibraryResolver.EnvironmentVariable}.";
            return false;
        }
    }

    /// <summary>The EAL arguments for <paramref name="options"/>: virtual devices only unless PCI is asked for.</summary>
    public static IReadOnlyList<string> EalArguments(DpdkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { "--no-huge" };
        if (!options.UsePci)
        {
            args.Add("--no-pci");
        }

        args.AddRange(["-m", options.MemoryMegabytes.ToString(CultureInfo.InvariantCulture), "--no-shconf", "--no-telemetry",
            "--log-level=lib.eal:error", "-l", options.Lcore.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(options.ExtraEalArguments);
        return args;
    }

    /// <summary>
    /// Starts EAL with <paramref name="options"/> unless it is already up (then the options are ignored).
    /// Returns false with the reason when the library, DPDK or EAL is unavailable; a failed EAL start
    /// is final for the process, as DPDK cannot retry it.
    /// </summary>
    public static bool TryInitialize(DpdkOptions options, out string reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (Gate)
        {
            if (_initialized)
            {
                reason = string.Empty;
                return true;
            }

            if (_failure is not null)
            {
                reason = _failure;
                return false;
            }

            if (!TryCheckLibrary(out reason))
            {
                _failure = reason;
                return false;
            }

            var args = EalArguments(options);
            if (DpdkNative.Init(args.Count, [.. args]) < 0)
            {
                _failure = reason = $"EAL init failed ({DpdkNative.LastError()}) with arguments: {string.Join(' ', args)}";
                return false;
            }

            _initialized = true;
            reason = string.Empty;
            return true;
        }
    }

    /// <summary>Like <see cref="TryInitialize"/>, throwing <see cref="TransportException"/> with the reason on failure.</summary>
    public static void EnsureInitialized(DpdkOptions options)
    {
        if (!TryInitialize(options, out var reason))
        {
            throw new TransportException("DPDK transport unavailable: " + reason);
        }
    }
}
