using Microsoft.Extensions.Logging;

namespace BbuPool.Scheduling;

public sealed partial class FrameworkScheduler
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "cell {Cell} unschedulable: {Plugin}: {Reason}")]
    private static partial void LogUnschedulable(ILogger logger, string cell, string? plugin, string? reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "cell {Cell} short of cores on {Node}: needs {Need}, has {Have}; no move possible (cooldown or no room)")]
    private static partial void LogSqueezed(ILogger logger, string cell, string node, int need, int have);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "rebalance at {Now}s: {Moves} moves, {Bytes} bytes, {Unrelieved} nodes still hot")]
    private static partial void LogRebalance(ILogger logger, double now, int moves, long bytes, int unrelieved);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "node {Node} evacuated and powered off")]
    private static partial void LogPoweredOff(ILogger logger, string node);
}
