namespace BbuPool.Core.Model;

/// <summary>Power and health state of a pool node.</summary>
public enum NodeState
{
    /// <summary>Powered and accepting stacks.</summary>
    Up,

    /// <summary>Powered, accepting nothing new, its stacks being moved away.</summary>
    Draining,

    /// <summary>Powered off; can be woken (pays its boot time).</summary>
    Off,

    /// <summary>Powering on; accepts stacks once its boot time has passed.</summary>
    Booting,

    /// <summary>Failed; its stacks are lost and must be re-placed; returns as Off when repaired.</summary>
    Failed,
}
