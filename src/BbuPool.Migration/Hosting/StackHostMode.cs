namespace BbuPool.Migration.Hosting;

/// <summary>How a host obtains its TTIs.</summary>
public enum StackHostMode
{
    /// <summary>The active copy: TTIs on the clock, inputs from the radio.</summary>
    Clocked,

    /// <summary>A replica: TTIs as fast as forwarded inputs arrive; outputs compared, never sent.</summary>
    Follower,
}
