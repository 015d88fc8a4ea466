namespace BbuPool.Scheduling.Framework;

/// <summary>
/// What an extension point returns: a code, the plugin that set it and a reason. Reasons are
/// constant strings so a decision allocates nothing.
/// </summary>
/// <param name="Code">The outcome.</param>
/// <param name="Plugin">The plugin that returned it (null for the framework).</param>
/// <param name="Reason">Why, for logs and plans.</param>
public readonly record struct Status(StatusCode Code, string? Plugin = null, string? Reason = null)
{
    /// <summary>The plain success.</summary>
    public static Status Success => default;

    /// <summary>The plain skip.</summary>
    public static Status Skip => new(StatusCode.Skip);

    /// <summary>True for <see cref="StatusCode.Success"/>.</summary>
    public bool IsSuccess => Code == StatusCode.Success;

    /// <summary>A rejection that freeing capacity could resolve.</summary>
    public static Status Unschedulable(string plugin, string reason) => new(StatusCode.Unschedulable, plugin, reason);

    /// <summary>A rejection nothing on this node can resolve.</summary>
    public static Status Unresolvable(string plugin, string reason) => new(StatusCode.UnschedulableAndUnresolvable, plugin, reason);

    /// <summary>An internal failure.</summary>
    public static Status Error(string plugin, string reason) => new(StatusCode.Error, plugin, reason);

    /// <summary>Hold the binding until the next step.</summary>
    public static Status Wait(string plugin, string reason) => new(StatusCode.Wait, plugin, reason);
}
