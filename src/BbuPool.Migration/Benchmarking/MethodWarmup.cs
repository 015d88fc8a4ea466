using BbuPool.Core.Migration;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The discarded migrations one method ran before the cells, and how busy the JIT still was at
/// the end: methods compiled over the last <see cref="Window"/> of them. Tiered compilation
/// recompiles a method after 30 calls and, with profile-guided optimisation, again 30 calls later,
/// so code called once per migration is final only after about 60 migrations; on this machine the
/// JIT compiled new code until ~180 migrations of 4 MiB in, and cells run during that measured its
/// background thread (pre-copy 64 MiB total p99 190-200 ms after 5 warm-up migrations, 24-28 ms
/// after 200).
/// </summary>
/// <param name="Method">The method warmed up.</param>
/// <param name="Migrations">Warm-up migrations run.</param>
/// <param name="Window">The last migrations the quiet count covers (two batches).</param>
/// <param name="JitMethodsLastWindow">Methods the JIT compiled during those.</param>
public sealed record MethodWarmup(MigrationMethod Method, int Migrations, int Window, long JitMethodsLastWindow);
