using BbuPool.Core.Migration;
using BbuPool.Wire.Frames;
using Microsoft.Extensions.Logging;

namespace BbuPool.Migration.Protocol;

/// <summary>Source-generated log messages of <see cref="MigrationSource"/>.</summary>
public sealed partial class MigrationSource
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Migration {Id}: {Method} of {Pages} pages starting")]
    private partial void LogStarting(string id, MigrationMethod method, int pages);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Debug, Message = "Migration {Id}: round {Round} sent {Pages} pages, {Bytes} bytes in {Ms:F2} ms; {Dirty} dirty")]
    private partial void LogRound(string id, int round, int pages, long bytes, double ms, int dirty);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Migration {Id}: not converging after round {Round} ({Dirty} pages dirty); stopping")]
    private partial void LogNotConverging(string id, int round, int dirty);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "Migration {Id}: auto-converge throttles non-real-time work to {Throttle:P0}")]
    private partial void LogAutoConverge(string id, double throttle);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "Migration {Id}: committed, source stopped after TTI {Tti}")]
    private partial void LogCommitted(string id, long tti);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Warning, Message = "Migration {Id}: aborted ({Reason}: {Detail}); source resumed: {Resumed}")]
    private partial void LogAborted(string id, AbortReason reason, string detail, bool resumed);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Warning, Message = "Migration {Id}: post-copy link lost; recovering ({Missing} pages still to send)")]
    private partial void LogRecovering(string id, int missing);
}
