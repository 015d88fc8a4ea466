using Microsoft.Extensions.Logging;

namespace BbuPool.Transport.PeerHost;

/// <summary>Writes each log message as one "LOG level message" line on stdout, for the test to read.</summary>
internal sealed class LineLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Console.WriteLine($"LOG {logLevel} {formatter(state, exception)}");
}
