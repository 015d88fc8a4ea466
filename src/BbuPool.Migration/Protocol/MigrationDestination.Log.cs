using BbuPool.Core.Migration;
using BbuPool.Wire.Frames;
using Microsoft.Extensions.Logging;

namespace BbuPool.Migration.Protocol;

/// <summary>Source-generated log messages of <see cref="MigrationDestination"/>.</summary>
public sealed partial class MigrationDestination
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Migration {Id}: destination accepted {Method} of {Pages} pages")]
    private partial void LogBegin(string id, MigrationMethod method, long pages);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Migration {Id}: destination committed, running from TTI {Tti}")]
    private partial void LogCommitted(string id, long tti);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Migration {Id}: destination aborted ({Reason}: {Detail}); running copy here: {Running}")]
    private partial void LogAborted(Exception exception, string id, AbortReason reason, string detail, bool running);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "Migration {Id}: post-copy link lost with {Missing} pages missing; reconnecting")]
    private partial void LogRecovering(string id, int missing);
}
