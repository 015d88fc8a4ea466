using BbuPool.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BbuPool.Cli.Hosting;

/// <summary>
/// The composition every verb shares (and the controller and agents will): Generic Host with
/// configuration (appsettings.json, BBUPOOL_ environment variables), validated options and
/// logging to stderr so stdout stays for results.
/// </summary>
internal static class CliHost
{
    /// <summary>Builds a host; <paramref name="configure"/> adds the verb's own services.</summary>
    public static IHost Build(bool verbose, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddJsonFile("appsettings.json", optional: true);
        builder.Configuration.AddEnvironmentVariables("BBUPOOL_");
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.AddOptions<SimulationSettings>()
            .Bind(builder.Configuration.GetSection("Simulation"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<StatePlaneSettings>()
            .Bind(builder.Configuration.GetSection("StatePlane"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SchedulerRegistry>();
        builder.Services.AddSingleton<MigrationModelRegistry>();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// The validated settings of type <typeparamref name="T"/>, or null after writing which value
    /// is wrong to stderr (the caller exits with <see cref="Program.ExitInvalidInput"/>): a bad
    /// `BBUPOOL_` variable or appsettings value is bad input, not a crash with a stack trace.
    /// </summary>
    public static T? Settings<T>(IHost host, TextWriter error)
        where T : class
    {
        try
        {
            return host.Services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine($"configuration: {e.Message}");
            return null;
        }
        catch (InvalidOperationException e) when (e.InnerException is ArgumentException or FormatException or OverflowException)
        {
            // A value the binder could not convert ("abc" for a number or a time span).
            error.WriteLine($"configuration: {e.Message}");
            return null;
        }
    }
}
