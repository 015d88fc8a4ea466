namespace BbuPool.Core.Model;

/// <summary>
/// Instruction-set architecture of a pool node; a vendor stack is built for some of them.
/// Scenario files spell them as `uname -m` does: x86_64, aarch64.
/// </summary>
public enum CpuArch
{
    /// <summary>x86_64 (AVX2/AVX-512 PHY kernels).</summary>
    X64,

    /// <summary>aarch64 (NEON/SVE PHY kernels).</summary>
    Arm64,
}
