using System.CommandLine;

namespace BbuPool.Cli.Commands;

/// <summary>
/// A top-level verb of `bbupool` (simulate, validate, state, ...). Implementations live one per
/// file in this folder, have a parameterless constructor and are found by reflection at start-up.
/// </summary>
public interface ICliVerb
{
    /// <summary>Builds the System.CommandLine command with its options and action.</summary>
    Command Create();
}
