using Microsoft.Extensions.Logging;

namespace BbuPool.Migration.Tests.Protocol;

internal sealed class FileLogger<T>(string path) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (typeof(FileLogger<T>))
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.ffffff} {typeof(T).Name} {formatter(state, exception)} {exception?.GetType().Name} {exception}\n");
        }
    }
}
