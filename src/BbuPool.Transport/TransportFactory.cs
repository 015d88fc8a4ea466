using BbuPool.Transport.Dpdk;
using BbuPool.Transport.SharedMemory;
using BbuPool.Transport.Tcp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BbuPool.Transport;

/// <summary>
/// Makes the configured <see cref="ITransport"/>. A DPDK transport that cannot start (native library
/// missing, built without DPDK, EAL failed) never crashes the caller: the factory logs why and which
/// fallback it uses (<see cref="DpdkOptions.Fallback"/>) and returns that instead.
/// </summary>
public static partial class TransportFactory
{
    /// <summary>Creates the transport <paramref name="options"/> asks for, or its logged fallback.</summary>
    public static ITransport Create(TransportOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        switch (options.Kind)
        {
            case TransportKind.Dpdk:
                if (DpdkEnvironment.TryInitialize(options.Dpdk, out var reason))
                {
                    LogCreated(logger, TransportKind.Dpdk);
                    return new DpdkTransport(options);
                }

                var fallback = options.Dpdk.Fallback == TransportKind.Dpdk ? TransportKind.Shm : options.Dpdk.Fallback;
                LogDpdkFallback(logger, reason, fallback);
                return CreateNonDpdk(fallback, options);
            default:
                LogCreated(logger, options.Kind);
                return CreateNonDpdk(options.Kind, options);
        }
    }

    private static ITransport CreateNonDpdk(TransportKind kind, TransportOptions options) => kind switch
    {
        TransportKind.Shm => new SharedMemoryTransport(options),
        TransportKind.Tcp => new TcpTransport(options),
        _ => throw new TransportException($"Transport kind {kind} cannot be created from configuration (InMemory lives in BbuPool.Testing)."),
    };
}
