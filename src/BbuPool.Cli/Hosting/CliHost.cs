using BbuPool.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SchedulerRegistry>();
        builder.Services.AddSingleton<MigrationModelRegistry>();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
