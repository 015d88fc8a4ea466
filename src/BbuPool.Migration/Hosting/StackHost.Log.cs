using Microsoft.Extensions.Logging;

namespace BbuPool.Migration.Hosting;

/// <summary>Source-generated log messages of <see cref="StackHost"/>.</summary>
public sealed partial class StackHost
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Stack {Name}: could not pin the TTI thread to core {Core}")]
    private partial void LogPinFailed(string name, int core);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Stack {Name}: SCHED_FIFO priority {Priority} refused (errno {Errno}); the TTI thread runs under the ordinary policy")]
    private partial void LogRealtimeFailed(string name, int priority, int errno);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Stack {Name}: replica promoted to active at TTI {Tti}")]
    private partial void LogPromoted(string name, long tti);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Stack {Name}: replica caught up, shadowing the radio from TTI {Tti}")]
    private partial void LogShadowing(string name, long tti);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Stack {Name}: TTI loop stopped at TTI {Tti}")]
    private partial void LogLoopFailed(Exception exception, string name, long tti);
}
