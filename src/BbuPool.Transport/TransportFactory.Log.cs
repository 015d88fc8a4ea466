using Microsoft.Extensions.Logging;

namespace BbuPool.Transport;

/// <summary>Source-generated log messages of <see cref="TransportFactory"/>.</summary>
public static partial class TransportFactory
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "DPDK transport unavailable: {Reason} Falling back to the {Fallback} transport.")]
    private static partial void LogDpdkFallback(ILogger logger, string reason, TransportKind fallback);

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Transport {Kind} ready.")]
    private static partial void LogCreated(ILogger logger, TransportKind kind);
}
