using BenchmarkDotNet.Running;

namespace BbuPool.Benchmarks;

/// <summary>Entry point: BenchmarkSwitcher so `--filter` picks benchmarks by name.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
