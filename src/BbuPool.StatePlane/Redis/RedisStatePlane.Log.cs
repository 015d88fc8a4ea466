using Microsoft.Extensions.Logging;

namespace BbuPool.StatePlane.Redis;

/// <summary>Source-generated log messages.</summary>
public sealed partial class RedisStatePlane
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}); operations fail with StatePlaneUnavailableException until it is restored")]
    private partial void LogConnectionFailed(string endPoint, string failureType);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private partial void LogConnectionRestored(string endPoint);
}
