using BbuPool.Core.Model;

namespace BbuPool.Scheduling.Framework;

/// <summary>
/// Demand no Up node could take this step, left by the WakeRequest PostFilter for the consolidator
/// (which wakes nodes of a supported arch). Cleared once per step.
/// </summary>
public sealed class CapacityRequests
{
    /// <summary>Reference cores that found no node.</summary>
    public double ShortCores { get; private set; }

    /// <summary>Cells that found no node.</summary>
    public int Cells { get; private set; }

    /// <summary>Cells whose stack runs only on x86_64 among those that found no node.</summary>
    public int X64Only { get; private set; }

    /// <summary>Cells whose stack runs only on aarch64 among those that found no node.</summary>
    public int Arm64Only { get; private set; }

    /// <summary>Records a cell that found no node.</summary>
    public void Add(double referenceCores, StackProfile stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ShortCores += referenceCores;
        Cells++;
        var x64 = stack.Supports(CpuArch.X64);
        var arm = stack.Supports(CpuArch.Arm64);
        if (x64 && !arm)
        {
            X64Only++;
        }
        else if (arm && !x64)
        {
            Arm64Only++;
        }
    }

    /// <summary>Forgets the step's requests.</summary>
    public void Clear()
    {
        ShortCores = 0;
        Cells = 0;
        X64Only = 0;
        Arm64Only = 0;
    }
}
