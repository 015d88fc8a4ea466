namespace BbuPool.Scheduling.Framework;

/// <summary>A scheduler plugin: a named piece of behaviour hooked into one or more extension points.</summary>
public interface IPlugin
{
    /// <summary>Registry name (the key of <c>policy.plugins</c>).</summary>
    string Name { get; }
}
